package dev.ballast.adapters.statement.generic;

import java.util.Map;

/**
 * One data row of a mapped CSV: its first file line and the cell of each mapped field (keyed by
 * field: {@code date}, {@code type}, {@code asset}, ...), as written.
 */
public record GenericCsvRow(int line, Map<String, String> cells) {
  public GenericCsvRow {
    cells = Map.copyOf(cells);
  }

  public String cell(String field) {
    return cells.get(field);
  }
}
