package dev.ballast.adapters.statement.rakuten;

import java.util.Map;

/** One data row of a Rakuten Securities CSV: its file line and each cell by its header, exactly as written (CP932 decoded). */
public record RakutenRow(int line, Map<String, String> cells) {
  public RakutenRow {
    cells = Map.copyOf(cells);
  }

  public String cell(String header) {
    String value = cells.get(header);
    return value == null ? "" : value;
  }
}
