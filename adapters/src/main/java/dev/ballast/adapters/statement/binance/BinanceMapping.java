package dev.ballast.adapters.statement.binance;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.statement.StatementError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure mapping of Binance spot trade rows: pairs split by known quote assets, amounts unglued from their assets. */
public final class BinanceMapping {
  /** Quote assets, tried longest first so FDUSD wins over USD. */
  static final List<String> QUOTES = List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USDP", "DAI", "BTC", "ETH", "BNB", "XRP", "TRX", "DOGE",
      "EUR", "GBP", "TRY", "BRL", "JPY", "AUD", "RUB", "UAH", "ZAR", "PLN", "RON", "ARS", "MXN", "COP", "IDRT", "BIDR", "USD").stream()
      .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
  private static final Pattern GLUED = Pattern.compile("([0-9][0-9,]*(?:\\.[0-9]+)?)([A-Z][A-Z0-9]*|[0-9]+[A-Z][A-Z0-9]*)");

  private BinanceMapping() {}

  /** A row's transaction (without its reference), or the problems that keep it from being one. */
  public record Mapped(Transaction transaction, List<StatementError.InvalidRow> errors) {}

  /** The base and quote of a pair such as BTCUSDT or 1INCHUSDT; null when no known quote ends it. */
  static String[] split(String pair) {
    for (String quote : QUOTES) {
      if (pair.length() > quote.length() && pair.endsWith(quote)) {
        return new String[] {pair.substring(0, pair.length() - quote.length()), quote};
      }
    }
    return null;
  }

  /** {@code 1,512.70000000USDT} with the asset expected: the number before it; null when the cell does not end with it. */
  static BigDecimal unglue(String cell, String asset) {
    String t = cell.strip();
    if (!t.endsWith(asset)) {
      return null;
    }
    return Cells.decimal(t.substring(0, t.length() - asset.length()));
  }

  public static Mapped transaction(BinanceTradeRow row, String pairColumn, String executedColumn, String amountColumn) {
    List<StatementError.InvalidRow> errors = new ArrayList<>();
    Instant at = null;
    try {
      at = LocalDateTime.parse(row.date().strip(), DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      errors.add(new StatementError.InvalidRow(row.line(), "Date(UTC)", "\"" + Cells.shorten(row.date()) + "\" is not YYYY-MM-DD HH:MM:SS"));
    }
    String[] pair = split(row.pair().strip().toUpperCase(Locale.ROOT));
    if (pair == null) {
      errors.add(new StatementError.InvalidRow(row.line(), pairColumn, "\"" + Cells.shorten(row.pair()) + "\" ends with no known quote asset " + QUOTES));
    }
    String side = row.side().strip().toUpperCase(Locale.ROOT);
    TransactionType type = side.equals("BUY") ? TransactionType.BUY : side.equals("SELL") ? TransactionType.SELL : null;
    if (type == null) {
      errors.add(new StatementError.InvalidRow(row.line(), pairColumn.equals("Pair") ? "Side" : "Type", "\"" + Cells.shorten(row.side()) + "\" is not BUY or SELL"));
    }
    BigDecimal price = number(row.line(), "Price", row.price(), errors);
    BigDecimal quantity = null;
    Money fee = null;
    if (pair != null) {
      quantity = glued(row.line(), executedColumn, row.executed(), pair[0], errors);
      glued(row.line(), amountColumn, row.amount(), pair[1], errors);
      if (row.feeCoin() != null) {
        BigDecimal value = number(row.line(), "Fee", row.fee(), errors);
        String coin = Cells.text(row.feeCoin());
        if (value != null && value.signum() != 0 && coin != null) {
          fee = new Money(value, asset(row.line(), "Fee Coin", coin, errors));
        }
      } else {
        fee = fee(row.line(), row.fee(), pair, errors);
      }
    }
    if (!errors.isEmpty()) {
      return new Mapped(null, errors);
    }
    AssetId base = asset(row.line(), pairColumn, pair[0], errors);
    AssetId quote = asset(row.line(), pairColumn, pair[1], errors);
    if (!errors.isEmpty()) {
      return new Mapped(null, errors);
    }
    Transaction.Builder b = Transaction.builder(type).at(at).asset(base).quantity(Quantity.of(quantity)).price(new Price(price, quote));
    if (fee != null && fee.signum() != 0) {
      b.fee(fee);
    }
    return new Mapped(b.build(), List.of());
  }

  private static Money fee(int line, String cell, String[] pair, List<StatementError.InvalidRow> errors) {
    String t = cell == null ? "" : cell.strip();
    if (t.isEmpty() || t.equals("0")) {
      return null;
    }
    for (String asset : new String[] {pair[0], pair[1], "BNB"}) {
      if (t.endsWith(asset)) {
        BigDecimal value = glued(line, "Fee", t, asset, errors);
        return value == null ? null : new Money(value, asset(line, "Fee", asset, errors));
      }
    }
    Matcher m = GLUED.matcher(t);
    if (!m.matches()) {
      errors.add(new StatementError.InvalidRow(line, "Fee", "\"" + Cells.shorten(t) + "\" is not an amount glued to its asset (0.001BNB)"));
      return null;
    }
    BigDecimal value = number(line, "Fee", m.group(1), errors);
    return value == null ? null : new Money(value, asset(line, "Fee", m.group(2), errors));
  }

  private static BigDecimal glued(int line, String column, String cell, String asset, List<StatementError.InvalidRow> errors) {
    try {
      BigDecimal value = unglue(cell == null ? "" : cell, asset);
      if (value == null) {
        errors.add(new StatementError.InvalidRow(line, column, "\"" + Cells.shorten(cell == null ? "" : cell) + "\" is not an amount of " + asset));
      }
      return value;
    } catch (NumberFormatException e) {
      errors.add(new StatementError.InvalidRow(line, column, e.getMessage()));
      return null;
    }
  }

  private static BigDecimal number(int line, String column, String cell, List<StatementError.InvalidRow> errors) {
    try {
      BigDecimal value = Cells.decimal(cell);
      if (value == null) {
        errors.add(new StatementError.InvalidRow(line, column, "is empty"));
      }
      return value;
    } catch (NumberFormatException e) {
      errors.add(new StatementError.InvalidRow(line, column, e.getMessage()));
      return null;
    }
  }

  private static AssetId asset(int line, String column, String id, List<StatementError.InvalidRow> errors) {
    try {
      return AssetId.of(id);
    } catch (IllegalArgumentException e) {
      errors.add(new StatementError.InvalidRow(line, column, Cells.shorten(e.getMessage())));
      return null;
    }
  }
}
