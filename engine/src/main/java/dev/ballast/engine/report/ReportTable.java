package dev.ballast.engine.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A table to export: named columns and rows of typed cells, the one shape every export format
 * writes (docs/reports.md#exports). A cell is a String, a BigDecimal (exact, written as it is), a
 * Long or Integer, a Boolean, a LocalDate or an Instant (both written in ISO form), or null (empty).
 */
public record ReportTable(String name, List<String> columns, Iterable<List<Object>> rows) {
  public ReportTable {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    // rows are kept as given, not copied or walked: a million-row export may be a database cursor,
    // read as it is written (and only once); the writers check each row with check()
    Objects.requireNonNull(rows, "rows");
  }

  /** The rows as a list: the list itself when they are one, else read into one (a cursor can be read once). */
  public List<List<Object>> rowList() {
    if (rows instanceof List<List<Object>> list) {
      return java.util.Collections.unmodifiableList(list);
    }
    List<List<Object>> out = new java.util.ArrayList<>();
    rows.forEach(out::add);
    return out;
  }

  /** Elements (rows) made from {@code source} as they are iterated, one {@code row} call per element. */
  public static <T, R> Iterable<R> mapped(Iterable<T> source, java.util.function.Function<T, R> row) {
    return () -> new java.util.Iterator<>() {
      private final java.util.Iterator<T> it = source.iterator();

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public R next() {
        return row.apply(it.next());
      }
    };
  }

  /**
   * Row {@code index} (0-based) checked: as many cells as columns, each of a cell type.
   *
   * @throws IllegalArgumentException naming the table, the row (1-based) and the column
   */
  public List<Object> check(int index, List<Object> row) {
    if (row.size() != columns.size()) {
      throw new IllegalArgumentException(name + " row " + (index + 1) + ": " + row.size() + " cells for " + columns.size() + " columns");
    }
    for (int c = 0; c < row.size(); c++) {
      Object cell = row.get(c);
      if (cell != null && !(cell instanceof String || cell instanceof BigDecimal || cell instanceof Long || cell instanceof Integer
          || cell instanceof Boolean || cell instanceof LocalDate || cell instanceof Instant)) {
        throw new IllegalArgumentException(name + " row " + (index + 1) + ", column " + columns.get(c) + ": a "
            + cell.getClass().getSimpleName() + " is not a cell type");
      }
    }
    return row;
  }

  /** A cell as text: exact decimals without exponent, ISO dates and instants, empty for null. */
  public static String text(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return cell.toString();
  }
}
