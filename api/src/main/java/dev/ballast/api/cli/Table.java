package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints JSON objects as an aligned text table, one row each, with the chosen columns. */
public final class Table {
  private Table() {}

  public static void print(PrintWriter out, JsonNode rows, List<String> columns) {
    List<String[]> cells = new ArrayList<>();
    cells.add(columns.toArray(String[]::new));
    for (JsonNode row : rows) {
      String[] line = new String[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        JsonNode v = row.get(columns.get(i));
        line[i] = v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
      }
      cells.add(line);
    }
    int[] width = new int[columns.size()];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], line[i].length());
      }
    }
    for (String[] line : cells) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        sb.append(String.format("%-" + width[i] + "s", line[i]));
        if (i < line.length - 1) {
          sb.append("  ");
        }
      }
      out.println(sb.toString().stripTrailing());
    }
    if (rows.isEmpty()) {
      out.println("(none)");
    }
    out.flush();
  }
}
