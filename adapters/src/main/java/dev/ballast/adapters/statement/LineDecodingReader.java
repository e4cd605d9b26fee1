package dev.ballast.adapters.statement;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes a file strictly one line at a time (a line ends at a {@code \n} byte, which no byte of a
 * multi-byte character is in UTF-8 or CP932), so a byte that is not of the encoding is reported
 * with the line it is on, however far ahead a parser reads; and a line longer than the limit
 * fails instead of filling the heap.
 */
public final class LineDecodingReader extends Reader {
  private final InputStream in;
  private final CharsetDecoder decoder;
  private final int maxLine;
  private final byte[] buffer = new byte[64 * 1024];
  private int bufferPos;
  private int bufferEnd;
  private byte[] line = new byte[1024];
  private CharBuffer chars = CharBuffer.allocate(0);
  private int lineNumber;
  private boolean eof;

  public LineDecodingReader(InputStream in, Charset charset, int maxLine) {
    this.in = in;
    this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    this.maxLine = maxLine;
  }

  /** A line has bytes that are not of the encoding. */
  public static final class UndecodableLineException extends CharacterCodingException {
    private static final long serialVersionUID = 1L;
    private final int line;

    UndecodableLineException(int line) {
      this.line = line;
    }

    /** The 1-based file line. */
    public int line() {
      return line;
    }

    @Override
    public String getMessage() {
      return "line " + line + " is not of the file's encoding";
    }
  }

  @Override
  public int read(char[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (!nextLine()) {
        return -1;
      }
    }
    int n = Math.min(length, chars.remaining());
    chars.get(target, offset, n);
    return n;
  }

  private boolean nextLine() throws IOException {
    if (eof) {
      return false;
    }
    int size = 0;
    while (true) {
      if (bufferPos == bufferEnd) {
        bufferEnd = in.read(buffer, 0, buffer.length);
        bufferPos = 0;
        if (bufferEnd <= 0) {
          bufferEnd = 0;
          eof = true;
          break;
        }
      }
      int start = bufferPos;
      int end = start;
      while (end < bufferEnd && buffer[end] != '\n') {
        end++;
      }
      boolean found = end < bufferEnd;
      int take = (found ? end + 1 : end) - start;
      if (size + take > maxLine + 2) {
        throw new BoundedLineReader.LineTooLongException(maxLine);
      }
      if (size + take > line.length) {
        line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, size + take));
      }
      System.arraycopy(buffer, start, line, size, take);
      size += take;
      bufferPos = start + take;
      if (found) {
        break;
      }
    }
    if (size == 0) {
      return false;
    }
    lineNumber++;
    try {
      chars = decoder.reset().decode(ByteBuffer.wrap(line, 0, size));
    } catch (CharacterCodingException e) {
      throw new UndecodableLineException(lineNumber);
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
