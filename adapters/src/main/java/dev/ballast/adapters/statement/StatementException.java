package dev.ballast.adapters.statement;

import java.nio.file.Path;

/** Bad input in a statement file, naming the file, the line and the field. */
public final class StatementException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final int line;
  private final String field;

  public StatementException(Path file, int line, String field, String problem) {
    super(file.getFileName() + " line " + line + ", field " + field + ": " + problem);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public Path file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String field() {
    return field;
  }
}
