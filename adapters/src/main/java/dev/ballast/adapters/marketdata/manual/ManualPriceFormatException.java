package dev.ballast.adapters.marketdata.manual;

/** A price file that cannot be read, with the file, line and field at fault. */
public final class ManualPriceFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String field;

  ManualPriceFormatException(String file, long line, String field, String problem) {
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

  /** The column at fault, or null when the whole line is. */
  public String field() {
    return field;
  }
}
