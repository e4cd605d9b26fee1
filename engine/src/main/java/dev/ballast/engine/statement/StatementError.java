package dev.ballast.engine.statement;

/** What is wrong with a statement file, and where: the line (0 for the file as a whole) and field. */
public sealed interface StatementError {

  /** The 1-based file line, 0 when the error is about the whole file. */
  int line();

  /** The column or field to blame, as the file names it; null when it is the whole line or file. */
  String field();

  /** A sentence saying what is wrong. */
  String reason();

  default String message() {
    return (line() == 0 ? "file" : "line " + line()) + (field() == null ? "" : ", field " + field()) + ": " + reason();
  }

  /** One row that cannot become a transaction (a bad number, an unknown operation). Reading goes on. */
  record InvalidRow(int line, String field, String reason) implements StatementError {
    public InvalidRow {
      if (line < 1) {
        throw new IllegalArgumentException("an invalid row has a line of 1 or more, got " + line);
      }
    }
  }

  /**
   * The file cannot be read on from {@code line} (cut short, broken quoting, the wrong encoding,
   * an I/O error, a value the parser cannot get past; 0 when nothing could be read). Reading stops.
   *
   * @param field the field the parser stopped in (a text or number beyond the limits, a key given
   *     twice), null when it is not in one
   */
  record UnreadableFile(int line, String field, String reason) implements StatementError {
    public UnreadableFile {
      if (line < 0) {
        throw new IllegalArgumentException("an unreadable file's line is 0 or more, got " + line);
      }
    }

    public UnreadableFile(int line, String reason) {
      this(line, null, reason);
    }
  }

  /** The file is not of this format (another header): reading stops before any row. */
  record WrongFormat(String expected, String found) implements StatementError {
    @Override
    public int line() {
      return 1;
    }

    @Override
    public String field() {
      return null;
    }

    @Override
    public String reason() {
      return "expected " + expected + ", found " + found;
    }
  }
}
