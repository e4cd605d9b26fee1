package dev.ballast.adapters.statement;

import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementFormat;
import dev.ballast.engine.statement.StatementSink;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A CSV whose first line names its columns and whose every other line is one row of as many cells
 * (Kraken's exports): the header read once by name, each row handed over as {@link RowCells}, a
 * row of another width reported, an empty file reported.
 */
public final class NamedColumnsCsv {
  private NamedColumnsCsv() {}

  /** Column names to their index: stripped, a BOM dropped, empty names left out, the first of a name kept. */
  public static Map<String, Integer> columns(List<String> names) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).strip().replace("\uFEFF", "");
      if (!name.isEmpty()) {
        columns.putIfAbsent(name, i);
      }
    }
    return columns;
  }

  /**
   * The columns of a header line of a format whose first {@code leading} columns are fixed and that
   * has every {@code required} column somewhere; null when the line is not such a header.
   */
  public static Map<String, Integer> header(List<String> cells, List<String> required, int leading) {
    List<String> names = cells.stream().map(c -> c.strip().replace("\uFEFF", "")).toList();
    if (names.size() < leading || !names.subList(0, leading).equals(required.subList(0, leading)) || !names.containsAll(required)) {
      return null;
    }
    return columns(names);
  }

  /** True when the first line of {@code head} (UTF-8) is such a header. */
  public static boolean recognises(byte[] head, List<String> required, int leading) {
    return HeadText.decode(head, StandardCharsets.UTF_8)
        .map(t -> header(List.of(HeadText.lines(t)[0].replace("\"", "").split(",", -1)), required, leading) != null)
        .orElse(false);
  }

  /**
   * Reads every row into {@code rows}.
   *
   * @param header the columns of a header line, null when the line is not this format's header
   * @return true when the file was read to its end past a header
   */
  public static boolean read(InputStream content, Charset charset, StatementFormat format, Function<List<String>, Map<String, Integer>> header,
      StatementSink sink, Consumer<RowCells> rows) {
    Map<String, Integer>[] columns = newColumns();
    int[] width = {0};
    boolean[] wrong = {false};
    boolean completed = CsvStatementReader.read(CsvStatementReader.reader(content, charset), 0, charset, ',', sink, record -> {
      if (columns[0] == null) {
        columns[0] = header.apply(record.cells());
        if (columns[0] == null) {
          sink.error(new StatementError.WrongFormat(format.expects(), "the header " + Cells.shorten(String.join(",", record.cells()))));
          wrong[0] = true;
          return false;
        }
        width[0] = record.cells().size();
        return true;
      }
      if (record.isBlank()) {
        return true;
      }
      if (record.cells().size() != width[0]) {
        sink.error(new StatementError.InvalidRow(record.line(), null, record.cells().size() + " columns, expected " + width[0]));
        return true;
      }
      rows.accept(new RowCells(record.line(), columns[0], record.cells()));
      return true;
    });
    if (wrong[0]) {
      return false;
    }
    if (completed && columns[0] == null) {
      sink.error(new StatementError.UnreadableFile(0, "empty file, expected " + format.expects()));
      return false;
    }
    return completed;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Integer>[] newColumns() {
    return new Map[1];
  }
}
