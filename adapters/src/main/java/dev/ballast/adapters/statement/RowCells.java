package dev.ballast.adapters.statement;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.statement.StatementError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cells of one CSV record found by the header's column names, read the way statements are
 * ({@link Cells}), with every problem collected as an {@link StatementError.InvalidRow} naming the
 * column, so one row reports all its faults at once.
 */
public final class RowCells {
  private final int line;
  private final Map<String, Integer> columns;
  private final List<String> cells;
  private final List<StatementError.InvalidRow> problems = new ArrayList<>();

  public RowCells(int line, Map<String, Integer> columns, List<String> cells) {
    this.line = line;
    this.columns = columns;
    this.cells = cells;
  }

  public int line() {
    return line;
  }

  public boolean has(String column) {
    return columns.containsKey(column);
  }

  /** The cell as written (empty when the column is absent or the row short). */
  public String raw(String column) {
    Integer i = columns.get(column);
    return i == null || i >= cells.size() ? "" : cells.get(i);
  }

  /** The cell's text, null when empty. */
  public String text(String column) {
    return Cells.text(raw(column));
  }

  /** The cell's text; a problem when empty. */
  public String required(String column) {
    String t = text(column);
    if (t == null) {
      fail(column, "is empty");
    }
    return t;
  }

  /** A plain decimal, null when empty. */
  public BigDecimal decimal(String column) {
    return decimal(column, raw(column));
  }

  /** A plain decimal read from {@code cell} (a cleaned copy of the column's cell), null when empty. */
  public BigDecimal decimal(String column, String cell) {
    try {
      return Cells.decimal(cell);
    } catch (NumberFormatException e) {
      fail(column, e.getMessage());
      return null;
    }
  }

  /** A plain decimal; a problem when empty. */
  public BigDecimal requiredDecimal(String column) {
    BigDecimal value = decimal(column);
    if (value == null && text(column) == null) {
      fail(column, "is empty");
    }
    return value;
  }

  /** An asset id, a problem when {@code id} is not one. */
  public AssetId asset(String column, String id) {
    if (id == null) {
      fail(column, "is empty");
      return null;
    }
    try {
      return AssetId.of(id);
    } catch (IllegalArgumentException e) {
      fail(column, Cells.shorten(e.getMessage()));
      return null;
    }
  }

  public void fail(String column, String reason) {
    problems.add(new StatementError.InvalidRow(line, column, reason));
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  public List<StatementError.InvalidRow> problems() {
    return List.copyOf(problems);
  }
}
