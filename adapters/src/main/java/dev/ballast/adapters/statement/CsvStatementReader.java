package dev.ballast.adapters.statement;

import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the records of a CSV statement with Commons CSV: strict decoding (a byte that is not of
 * the encoding makes the file unreadable, never a replacement character in an amount), lines
 * bounded in length, each record with the file line it starts on, and every read failure given to
 * the sink as {@link StatementError.UnreadableFile}. Formats give it a callback per record.
 */
public final class CsvStatementReader {
  /** Longer lines than this make a file unreadable: no statement row comes near it. */
  public static final int MAX_LINE = 64 * 1024;

  /** One record: its first file line and its cells, as written. */
  public record Record(int line, List<String> cells) {
    public String cell(int index) {
      return index < cells.size() ? cells.get(index) : "";
    }

    public boolean isBlank() {
      return cells.stream().allMatch(String::isBlank);
    }
  }

  /** What a format does with each record; returning false stops the reading (a wrong header). */
  @FunctionalInterface
  public interface RecordHandler {
    boolean record(Record record);
  }

  private CsvStatementReader() {}

  /** A strict reader of this encoding, with the line bound. */
  public static BufferedReader reader(InputStream content, Charset charset) {
    return new BufferedReader(new LineDecodingReader(content, charset, MAX_LINE));
  }

  /**
   * Reads every record of {@code reader} (after {@code linesBefore} lines already consumed) and
   * hands it over; returns false when it stopped on a failure, which it gave to {@code sink}.
   */
  public static boolean read(BufferedReader reader, int linesBefore, Charset charset, char delimiter, StatementSink sink, RecordHandler handler) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
    int nextLine = linesBefore + 1;
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      Iterator<CSVRecord> records = parser.iterator();
      while (true) {
        int start = nextLine;
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          sink.error(new StatementError.UnreadableFile(lineOf(e, start), reason(e, charset)));
          return false;
        }
        nextLine = linesBefore + (int) parser.getCurrentLineNumber() + 1;
        List<String> cells = new ArrayList<>(record.size());
        record.forEach(cells::add);
        if (!handler.record(new Record(start, cells))) {
          return true;
        }
      }
      return true;
    } catch (IOException | UncheckedIOException e) {
      sink.error(new StatementError.UnreadableFile(lineOf(e, nextLine), reason(e, charset)));
      return false;
    }
  }

  /** The line a decoding failure names (the parser reads ahead of the record it is on), else {@code otherwise}. */
  static int lineOf(Throwable e, int otherwise) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LineDecodingReader.UndecodableLineException u) {
        return u.line();
      }
    }
    return otherwise;
  }

  /** Why a read failed, in a sentence (the encoding, a line too long, broken quoting). */
  public static String reason(Throwable e, Charset charset) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CharacterCodingException) {
        return "not " + charset.displayName() + " text (a byte sequence that is not of this encoding)"
            + (t instanceof LineDecodingReader.UndecodableLineException ? " on this line" : "");
      }
      if (t instanceof BoundedLineReader.LineTooLongException) {
        return t.getMessage();
      }
    }
    Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage();
    return "cannot be read: " + (message == null ? cause.getClass().getSimpleName() : message);
  }
}
