package dev.ballast.adapters.statement.ibkr;

import dev.ballast.adapters.statement.RowCells;
import dev.ballast.adapters.statement.TradeAmounts;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure mapping of Flex Query rows (cells found by their CSV labels) to transactions. */
public final class IbkrFlexMapping {
  /** The two sections read. */
  public enum Kind {
    TRADES,
    CASH
  }

  /** A transaction and its id (the venue's TransactionID; null: use the row's fingerprint). */
  public record Mapped(Transaction transaction, String externalId) {}

  // the query's date and time formats: yyyyMMdd or yyyy-MM-dd, then ; , or a space, then HHmmss or HH:mm:ss
  private static final Pattern DATE_TIME =
      Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})(?:[;, T] ?(\\d{2}):?(\\d{2}):?(\\d{2}))?(?: ?(?:EST|EDT|ET))?");
  private static final Set<String> SKIPPED_LEVELS = Set.of("CLOSED_LOT", "ASSET_SUMMARY", "SYMBOL_SUMMARY", "SUMMARY");

  private IbkrFlexMapping() {}

  /** The section a header row starts, or null when it is not a header this format reads. */
  public static Kind kindOf(List<String> header) {
    List<String> h = header.stream().map(String::strip).toList();
    if (!h.contains("CurrencyPrimary")) {
      return null;
    }
    if (h.contains("TradePrice") && h.contains("Quantity") && h.contains("Symbol")) {
      return Kind.TRADES;
    }
    if (h.contains("Amount") && h.contains("Type")) {
      return Kind.CASH;
    }
    return null;
  }

  /**
   * A Trades row: a stock trade, or an FX conversion ({@code CASH}, {@code EUR.USD}: the base
   * currency bought or sold for the quote). Summary and closed-lot rows give nothing; a file with
   * both order and execution rows is refused at the first row of the second kind, as the two
   * would count each fill twice.
   */
  public static List<Mapped> trade(RowCells c, ZoneId zone, Set<String> levels) {
    String level = c.has("LevelOfDetail") ? upper(c.text("LevelOfDetail")) : null;
    if (level != null) {
      if (SKIPPED_LEVELS.contains(level)) {
        return List.of();
      }
      if (!level.equals("EXECUTION") && !level.equals("ORDER")) {
        c.fail("LevelOfDetail", "\"" + level + "\" is not EXECUTION, ORDER, CLOSED_LOT or a summary");
        return List.of();
      }
      levels.add(level);
      if (levels.size() > 1) {
        c.fail("LevelOfDetail", "the file has both ORDER and EXECUTION rows, which count each fill twice: choose one level of detail");
        return List.of();
      }
    }
    String assetClass = upper(c.text("AssetClass"));
    Instant at = c.has("DateTime") && c.text("DateTime") != null ? instant(c, "DateTime", zone) : instant(c, "TradeDate", zone);
    BigDecimal quantity = c.requiredDecimal("Quantity");
    AssetId currency = c.asset("CurrencyPrimary", c.text("CurrencyPrimary"));
    String symbol = c.required("Symbol");
    AssetId asset = null;
    if (symbol != null) {
      if ("CASH".equals(assetClass)) {
        String[] pair = symbol.split("\\.");
        if (pair.length != 2) {
          c.fail("Symbol", "\"" + symbol + "\" is not an FX pair such as EUR.USD");
        } else {
          asset = c.asset("Symbol", pair[0]);
          if (currency != null && !pair[1].equalsIgnoreCase(currency.value())) {
            c.fail("CurrencyPrimary", currency + " is not the quote currency of " + symbol);
          }
        }
      } else if (assetClass == null || assetClass.equals("STK")) {
        // a share class is written with a space (BRK B); asset ids use a dot
        asset = c.asset("Symbol", symbol.replace(' ', '.'));
      } else {
        c.fail("AssetClass", "\"" + assetClass + "\" is not read (stocks STK and FX conversions CASH are)");
      }
    }
    if (quantity != null && quantity.signum() == 0) {
      c.fail("Quantity", "is zero");
    }
    TransactionType side = quantity == null ? null : quantity.signum() > 0 ? TransactionType.BUY : TransactionType.SELL;
    String buySell = upper(c.text("Buy/Sell"));
    if (side != null && buySell != null && !buySell.startsWith(side.name().substring(0, 3))) {
      c.fail("Buy/Sell", "\"" + buySell + "\" does not agree with the sign of Quantity " + quantity);
    }
    BigDecimal price = c.requiredDecimal("TradePrice");
    BigDecimal proceeds = c.decimal("Proceeds");
    BigDecimal commission = c.decimal("IBCommission");
    BigDecimal taxes = c.decimal("Taxes");
    BigDecimal fxRate = c.decimal("FXRateToBase");
    if (commission != null && commission.signum() > 0) {
      c.fail("IBCommission", "a positive commission (a rebate) is not read: IBKR writes commissions as negative amounts");
    }
    if (taxes != null && taxes.signum() > 0) {
      c.fail("Taxes", "positive taxes are not read: IBKR writes taxes as negative amounts");
    }
    AssetId feeCurrency = c.text("IBCommissionCurrency") != null ? c.asset("IBCommissionCurrency", c.text("IBCommissionCurrency")) : currency;
    if (!c.ok() || at == null || asset == null) {
      return List.of();
    }
    BigDecimal units = quantity.abs();
    // the cash is the statement's proceeds when given (IBKR rounds them to the cent), else units x price
    BigDecimal gross = proceeds != null ? proceeds.abs() : units.multiply(price);
    TradeAmounts.Priced priced = proceeds != null && units.multiply(price).compareTo(gross) == 0
        ? new TradeAmounts.Priced(new dev.ballast.engine.model.Price(price, currency), Money.zero(currency))
        : TradeAmounts.of(side, units, currency, gross);
    Money fee = commission == null || commission.signum() == 0 ? null : new Money(commission.negate(), feeCurrency);
    Money rounding = priced.rounding().signum() == 0 ? null : priced.rounding();
    Transaction.Builder b = Transaction.builder(side).at(at).asset(asset).quantity(Quantity.of(units)).price(priced.price());
    String id = id(c);
    Transaction extra = null;
    if (rounding != null && (fee == null || fee.currency().equals(currency))) {
      fee = fee == null ? rounding : fee.plus(rounding);
    } else if (rounding != null) {
      extra = Transaction.builder(TransactionType.FEE).at(at).asset(currency).quantity(Quantity.of(rounding.amount()))
          .note("what the proceeds leave of units x price").build();
    }
    if (fee != null) {
      b.fee(fee);
    }
    if (taxes != null && taxes.signum() != 0) {
      b.tax(new Money(taxes.negate(), currency));
    }
    if (fxRate != null && fxRate.signum() > 0) {
      b.fxRate(fxRate);
    }
    String description = c.text("Description");
    if (description != null) {
      b.note(description);
    }
    return extra == null ? List.of(new Mapped(b.build(), id)) : List.of(new Mapped(b.build(), id), new Mapped(extra, id == null ? null : id + "-rounding"));
  }

  /**
   * A Cash Transactions row by its {@code Type}: deposits and withdrawals, dividends (and payments
   * in lieu), withholding tax, interest received and paid, other fees and commission adjustments.
   * A reversal (a positive tax, a negative dividend) moves the cash as a deposit or a withdrawal
   * with a note, so the cash is exactly the statement's.
   */
  public static List<Mapped> cash(RowCells c, ZoneId zone) {
    String level = c.has("LevelOfDetail") ? upper(c.text("LevelOfDetail")) : null;
    if (level != null && level.contains("SUMMARY")) {
      return List.of();
    }
    String dateColumn = c.text("DateTime") != null ? "DateTime" : c.text("SettleDate") != null ? "SettleDate" : "ReportDate";
    Instant at = instant(c, dateColumn, zone);
    AssetId currency = c.asset("CurrencyPrimary", c.text("CurrencyPrimary"));
    BigDecimal amount = c.requiredDecimal("Amount");
    String type = c.required("Type");
    BigDecimal fxRate = c.decimal("FXRateToBase");
    String description = c.text("Description");
    if (amount != null && amount.signum() == 0) {
      c.fail("Amount", "is zero");
    }
    if (!c.ok() || at == null) {
      return List.of();
    }
    String t = type.toLowerCase(Locale.ROOT);
    boolean in = amount.signum() > 0;
    Quantity units = Quantity.of(amount.abs());
    Transaction.Builder b;
    if (t.startsWith("deposits")) {
      b = Transaction.builder(in ? TransactionType.DEPOSIT : TransactionType.WITHDRAWAL).asset(currency).quantity(units);
    } else if (t.equals("dividends") || t.startsWith("payment in lieu")) {
      if (in) {
        AssetId security = c.asset("Symbol", c.text("Symbol") == null ? null : c.text("Symbol").replace(' ', '.'));
        if (security == null) {
          return List.of();
        }
        b = Transaction.builder(TransactionType.DIVIDEND).asset(security).amount(new Money(amount, currency));
        if (fxRate != null && fxRate.signum() > 0) {
          b.fxRate(fxRate);
        }
      } else {
        b = Transaction.builder(TransactionType.WITHDRAWAL).asset(currency).quantity(units);
        description = "dividend reversal" + (description == null ? "" : ": " + description);
      }
    } else if (t.equals("withholding tax")) {
      b = Transaction.builder(in ? TransactionType.DEPOSIT : TransactionType.TAX).asset(currency).quantity(units);
      if (in) {
        description = "withholding tax refund" + (description == null ? "" : ": " + description);
      }
    } else if (t.contains("interest")) {
      if (in) {
        b = Transaction.builder(TransactionType.INTEREST).asset(currency).amount(new Money(amount, currency));
      } else {
        b = Transaction.builder(TransactionType.FEE).asset(currency).quantity(units);
        description = "interest paid" + (description == null ? "" : ": " + description);
      }
    } else if (t.equals("other fees") || t.equals("commission adjustments")) {
      b = Transaction.builder(in ? TransactionType.DEPOSIT : TransactionType.FEE).asset(currency).quantity(units);
      if (in) {
        description = "fee refund" + (description == null ? "" : ": " + description);
      }
    } else {
      c.fail("Type", "\"" + type + "\" is not a cash transaction type read here (Deposits/Withdrawals, Dividends, Payment In Lieu Of "
          + "Dividends, Withholding Tax, Broker Interest Received/Paid, Bond Interest Received/Paid, Other Fees, Commission Adjustments)");
      return List.of();
    }
    b.at(at);
    if (description != null) {
      b.note(description);
    }
    return List.of(new Mapped(b.build(), id(c)));
  }

  private static String id(RowCells c) {
    for (String column : new String[] {"TransactionID", "TradeID", "IBExecID"}) {
      String v = c.text(column);
      if (v != null) {
        return column.equals("TransactionID") ? v : column + ":" + v;
      }
    }
    return null;
  }

  /** A Flex date or date-time in the query's zone (a date alone is the start of that day). */
  static Instant instant(RowCells c, String column, ZoneId zone) {
    String text = c.text(column);
    if (text == null) {
      c.fail(column, "is empty");
      return null;
    }
    Matcher m = DATE_TIME.matcher(text);
    try {
      if (m.matches()) {
        LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        if (m.group(4) == null) {
          return date.atStartOfDay(zone).toInstant();
        }
        return LocalDateTime.of(date, java.time.LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))))
            .atZone(zone).toInstant();
      }
    } catch (DateTimeException e) {
      c.fail(column, "\"" + dev.ballast.adapters.statement.Cells.shorten(text) + "\" is not a date: " + e.getMessage());
      return null;
    }
    c.fail(column, "\"" + dev.ballast.adapters.statement.Cells.shorten(text) + "\" is not yyyyMMdd;HHmmss, yyyy-MM-dd;HH:mm:ss or a date alone");
    return null;
  }

  private static String upper(String s) {
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }
}
