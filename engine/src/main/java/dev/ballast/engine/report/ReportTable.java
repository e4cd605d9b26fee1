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
public record ReportTable(String name, List<String> columns, List<List<Object>> rows) {
  public ReportTable {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    for (int i = 0; i < rows.size(); i++) {
      List<Object> row = rows.get(i);
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(name + " row " + (i + 1) + ": " + row.size() + " cells for " + columns.size() + " columns");
      }
      for (int c = 0; c < row.size(); c++) {
        Object cell = row.get(c);
        if (cell != null && !(cell instanceof String || cell instanceof BigDecimal || cell instanceof Long || cell instanceof Integer
            || cell instanceof Boolean || cell instanceof LocalDate || cell instanceof Instant)) {
          throw new IllegalArgumentException(name + " row " + (i + 1) + ", column " + columns.get(c) + ": a "
              + cell.getClass().getSimpleName() + " is not a cell type");
        }
      }
    }
    // rows are kept as given (not copied): an export of a million rows should not be held twice
    rows = java.util.Collections.unmodifiableList(rows);
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
