package dev.ballast.adapters.statement;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that fails once a line grows past a limit, so a file without line breaks (garbage, a
 * 10-million-digit number) is refused as unreadable instead of filling the heap cell by cell.
 */
public final class BoundedLineReader extends FilterReader {
  private final int maxLine;
  private int sinceBreak;

  public BoundedLineReader(Reader in, int maxLine) {
    super(in);
    this.maxLine = maxLine;
  }

  @Override
  public int read() throws IOException {
    int c = super.read();
    if (c >= 0) {
      count((char) c);
    }
    return c;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    for (int i = offset; i < offset + n; i++) {
      count(buffer[i]);
    }
    return n;
  }

  private void count(char c) throws IOException {
    if (c == '\n' || c == '\r') {
      sinceBreak = 0;
    } else if (++sinceBreak > maxLine) {
      throw new LineTooLongException(maxLine);
    }
  }

  /** The line in progress is longer than the limit. */
  public static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLongException(int maxLine) {
      super("a line is longer than " + maxLine + " characters");
    }
  }
}
