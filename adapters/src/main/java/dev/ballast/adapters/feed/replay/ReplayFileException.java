package dev.ballast.adapters.feed.replay;

/** A replay file that cannot be read, naming the file, the line and the field. */
public final class ReplayFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String field;

  public ReplayFileException(String file, long line, String field, String problem) {
    super(file + " line " + line + (field == null ? "" : ", field " + field) + ": " + problem);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public String file() {
    return file;
  }

  public long line() {
    return line;
  }

  public String field() {
    return field;
  }
}
