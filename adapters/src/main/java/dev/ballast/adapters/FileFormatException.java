package dev.ballast.adapters;

import java.nio.file.Path;

/**
 * Bad input in a file a user handed in (a statement, a price or value series, a replay), naming
 * the file, the line and the field at fault, so the user can find it and mend it. Whatever reads
 * the file throws it before anything is written.
 */
public final class FileFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String field;

  /**
   * @param line the 1-based line, 0 for the file as a whole
   * @param field the column or field at fault, null for the whole line
   */
  public FileFormatException(String file, long line, String field, String problem) {
    super(file + " line " + line + (field == null ? "" : ", field " + field) + ": " + problem);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  /** Names the file by its name alone: the folder says nothing a user needs to find the line. */
  public FileFormatException(Path file, long line, String field, String problem) {
    this(String.valueOf(file.getFileName()), line, field, problem);
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
