package dev.ballast.adapters.valuation.csv;

import dev.ballast.adapters.FileFormatException;
import dev.ballast.engine.analytics.series.Valuation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The pure half of the value series format: a header to its columns and a raw row to a
 * {@link Valuation}, each refusing bad input with a {@link FileFormatException} naming the
 * file, line and field. No I/O: tested on strings.
 */
public final class ValueSeriesMapping {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

  private ValueSeriesMapping() {}

  /** The columns named by the header line: date and value required, flow optional, in any order and case. */
  public static ValueSeriesColumns columns(List<String> header, String source) {
    int date = -1;
    int value = -1;
    int flow = -1;
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "date" -> date = once(date, i, source, name);
        case "value" -> value = once(value, i, source, name);
        case "flow" -> flow = once(flow, i, source, name);
        default -> throw new FileFormatException(source, 1, null,
            "unknown column \"" + header.get(i) + "\", expected date,value[,flow]");
      }
    }
    if (date < 0 || value < 0) {
      throw new FileFormatException(source, 1, null, "header must name the columns date and value (and optionally flow)");
    }
    return new ValueSeriesColumns(date, value, flow, header.size());
  }

  /** The cells of one data record picked by the columns. */
  public static ValueSeriesRow row(long line, List<String> cells, ValueSeriesColumns columns, String source) {
    if (cells.size() != columns.count()) {
      throw new FileFormatException(source, line, null, cells.size() + " fields, expected " + columns.count());
    }
    return new ValueSeriesRow(line, cells.get(columns.date()), cells.get(columns.value()), columns.flow() < 0 ? "" : cells.get(columns.flow()));
  }

  /** The valuation a row says: an ISO date, a value not negative, a signed flow (empty for none). */
  public static Valuation valuation(ValueSeriesRow row, String source) {
    LocalDate date = date(row.date(), source, row.line());
    BigDecimal value = decimal(row.value(), source, row.line(), "value", false);
    if (value.signum() < 0) {
      throw new FileFormatException(source, row.line(), "value", "negative: " + value.toPlainString());
    }
    BigDecimal flow = decimal(row.flow(), source, row.line(), "flow", true);
    return new Valuation(date, value, flow);
  }

  private static int once(int existing, int index, String source, String name) {
    if (existing >= 0) {
      throw new FileFormatException(source, 1, null, "column " + name + " appears twice");
    }
    return index;
  }

  private static LocalDate date(String text, String source, long line) {
    if (text.isEmpty()) {
      throw new FileFormatException(source, line, "date", "missing");
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new FileFormatException(source, line, "date", "not an ISO date (yyyy-mm-dd): \"" + text + "\"");
    }
  }

  private static BigDecimal decimal(String text, String source, long line, String field, boolean emptyIsZero) {
    if (text.isEmpty()) {
      if (emptyIsZero) {
        return BigDecimal.ZERO;
      }
      throw new FileFormatException(source, line, field, "missing");
    }
    if (!DECIMAL.matcher(text).matches()) {
      throw new FileFormatException(source, line, field, "not a number: \"" + text + "\"");
    }
    return new BigDecimal(text);
  }
}
