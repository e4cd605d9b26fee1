package dev.ballast.adapters.statement.coinbase;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.adapters.statement.RowCells;
import dev.ballast.adapters.statement.TradeAmounts;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure mapping of Coinbase transaction-history rows: money with its symbol, signed or unsigned quantities, Convert from its Notes. */
public final class CoinbaseMapping {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern MONEY = Pattern.compile("(-)?\\s*[$€£¥]?\\s*(-)?\\s*([0-9][0-9,]*(?:\\.[0-9]*)?|\\.[0-9]+)");
  private static final Pattern CONVERTED = Pattern.compile("Converted ([0-9][0-9,]*(?:\\.[0-9]+)?) (\\S+) to ([0-9][0-9,]*(?:\\.[0-9]+)?) (\\S+)");
  private static final Set<String> REWARDS = Set.of("rewards income", "staking income", "inflation reward", "learning reward", "coinbase earn",
      "interest payout", "subscription rebate", "reward income");

  private CoinbaseMapping() {}

  /** Which columns of this layout hold what (v1 prefixes the money columns with their currency). */
  public record Columns(Map<String, Integer> byName, String priceCurrency, String fixedCurrency, String price, String subtotal, String total,
      String fees) {
    static Columns of(Map<String, Integer> byName) {
      String priceCurrency = byName.containsKey("Price Currency") ? "Price Currency" : byName.containsKey("Spot Price Currency") ? "Spot Price Currency" : null;
      String fixed = null;
      if (priceCurrency == null) {
        // v1: "USD Spot Price at Transaction", "USD Subtotal", ...
        for (String name : byName.keySet()) {
          if (name.endsWith(" Spot Price at Transaction") && name.length() == " Spot Price at Transaction".length() + 3) {
            fixed = name.substring(0, 3);
          }
        }
        if (fixed == null) {
          return null;
        }
      }
      String p = fixed == null ? "" : fixed + " ";
      String price = first(byName, "Price at Transaction", "Spot Price at Transaction", p + "Spot Price at Transaction");
      String subtotal = first(byName, "Subtotal", p + "Subtotal");
      String total = first(byName, "Total (inclusive of fees and/or spread)", "Total (inclusive of fees)", p + "Total (inclusive of fees)");
      String fees = first(byName, "Fees and/or Spread", "Fees", p + "Fees");
      if (price == null || subtotal == null || total == null || fees == null || !byName.containsKey("Notes")) {
        return null;
      }
      return new Columns(byName, priceCurrency, fixed, price, subtotal, total, fees);
    }

    private static String first(Map<String, Integer> byName, String... names) {
      for (String n : names) {
        if (byName.containsKey(n)) {
          return n;
        }
      }
      return null;
    }
  }

  /** The row's transaction (without its reference), or null with the problems in {@code c}. */
  public static Transaction transaction(RowCells c, Columns k) {
    Instant at = time(c);
    String type = c.required("Transaction Type");
    AssetId asset = c.asset("Asset", c.text("Asset"));
    BigDecimal quantity = c.requiredDecimal("Quantity Transacted");
    AssetId currency = k.fixedCurrency() != null ? AssetId.of(k.fixedCurrency()) : c.asset(k.priceCurrency(), c.text(k.priceCurrency()));
    BigDecimal price = money(c, k.price());
    BigDecimal subtotal = money(c, k.subtotal());
    BigDecimal total = money(c, k.total());
    BigDecimal fees = money(c, k.fees());
    String notes = c.text("Notes");
    if (quantity != null && quantity.signum() == 0) {
      c.fail("Quantity Transacted", "is zero");
    }
    if (!c.ok()) {
      return null;
    }
    BigDecimal units = quantity.abs();
    String t = type.toLowerCase(Locale.ROOT);
    Transaction.Builder b;
    switch (t) {
      case "buy", "advanced trade buy" -> {
        if (!need(c, k.subtotal(), subtotal) || !need(c, k.total(), total)) {
          return null;
        }
        // the cash spent is the total; what it pays beyond the subtotal is the fee and the spread
        BigDecimal fee = total.abs().subtract(subtotal.abs());
        if (fee.signum() < 0) {
          c.fail(k.total(), "is less than the subtotal of a buy");
          return null;
        }
        b = trade(TransactionType.BUY, asset, units, currency, subtotal.abs(), fee);
      }
      case "sell", "advanced trade sell" -> {
        if (!need(c, k.subtotal(), subtotal) || !need(c, k.total(), total)) {
          return null;
        }
        BigDecimal fee = subtotal.abs().subtract(total.abs());
        if (fee.signum() < 0) {
          c.fail(k.total(), "is more than the subtotal of a sale");
          return null;
        }
        b = trade(TransactionType.SELL, asset, units, currency, subtotal.abs(), fee);
      }
      case "convert" -> {
        Matcher m = notes == null ? null : CONVERTED.matcher(notes);
        if (m == null || !m.find()) {
          c.fail("Notes", "a Convert names what it became in Notes (\"Converted 0.5 ETH to 0.025 BTC\"), found " + (notes == null ? "nothing" : Cells.shorten(notes)));
          return null;
        }
        BigDecimal from = c.decimal("Notes", m.group(1));
        AssetId fromAsset = c.asset("Notes", m.group(2));
        BigDecimal to = c.decimal("Notes", m.group(3));
        AssetId toAsset = c.asset("Notes", m.group(4));
        if (!c.ok()) {
          return null;
        }
        if (!fromAsset.equals(asset) || from.compareTo(units) != 0) {
          c.fail("Notes", "converts " + from.toPlainString() + " " + fromAsset + ", but the row is " + units.toPlainString() + " " + asset);
          return null;
        }
        if (to.signum() <= 0) {
          c.fail("Notes", "converts into nothing");
          return null;
        }
        // what was converted is the price currency of what it became; the spot price of it gives the gain in fiat
        TradeAmounts.Priced priced = TradeAmounts.of(TransactionType.BUY, to, asset, units);
        b = Transaction.builder(TransactionType.BUY).asset(toAsset).quantity(Quantity.of(to)).price(priced.price());
        if (priced.rounding().signum() != 0) {
          b.fee(priced.rounding());
        }
        if (price != null && price.signum() > 0) {
          b.fxRate(price);
        }
      }
      case "send", "withdrawal" -> b = Transaction.builder(TransactionType.WITHDRAWAL).asset(asset).quantity(Quantity.of(units));
      case "receive", "deposit" -> b = Transaction.builder(TransactionType.DEPOSIT).asset(asset).quantity(Quantity.of(units));
      default -> {
        if (!REWARDS.contains(t)) {
          c.fail("Transaction Type", "\"" + Cells.shorten(type) + "\" is not read (Buy, Sell, Advanced Trade Buy/Sell, Convert, Send, Receive, "
              + "Deposit, Withdrawal, Staking Income, Rewards Income, Inflation Reward, Learning Reward, Coinbase Earn, Interest payout)");
          return null;
        }
        b = Transaction.builder(TransactionType.STAKING_REWARD).asset(asset).quantity(Quantity.of(units));
        if (price != null && price.signum() > 0 && !currency.equals(asset)) {
          b.price(new Price(price, currency));
        }
      }
    }
    b.at(at).note(notes == null ? type : type + ": " + notes);
    return b.build();
  }

  private static Transaction.Builder trade(TransactionType side, AssetId asset, BigDecimal units, AssetId currency, BigDecimal gross, BigDecimal fee) {
    TradeAmounts.Priced priced = TradeAmounts.of(side, units, currency, gross);
    Money all = priced.rounding().plus(new Money(fee, currency));
    Transaction.Builder b = Transaction.builder(side).asset(asset).quantity(Quantity.of(units)).price(priced.price());
    if (all.signum() != 0) {
      b.fee(all);
    }
    return b;
  }

  private static boolean need(RowCells c, String column, BigDecimal value) {
    if (value == null) {
      c.fail(column, "is empty");
    }
    return value != null;
  }

  /** {@code $73455.055}, {@code -$400.46053}, {@code €1.15}, {@code 14.9}: the number, signed; null when empty. */
  static BigDecimal money(RowCells c, String column) {
    String text = c.text(column);
    if (text == null) {
      return null;
    }
    Matcher m = MONEY.matcher(text);
    if (!m.matches()) {
      c.fail(column, "\"" + Cells.shorten(text) + "\" is not an amount such as $12.34 or -$5");
      return null;
    }
    BigDecimal value = c.decimal(column, m.group(3));
    return value == null ? null : m.group(1) != null || m.group(2) != null ? value.negate() : value;
  }

  private static Instant time(RowCells c) {
    String text = c.text("Timestamp");
    if (text == null) {
      c.fail("Timestamp", "is empty");
      return null;
    }
    try {
      if (text.endsWith(" UTC")) {
        return LocalDateTime.parse(text.substring(0, text.length() - 4), TIME).toInstant(ZoneOffset.UTC);
      }
      if (text.endsWith("Z")) {
        return Instant.parse(text);
      }
    } catch (DateTimeParseException e) {
      // named below
    }
    c.fail("Timestamp", "\"" + Cells.shorten(text) + "\" is not YYYY-MM-DD HH:MM:SS UTC or an ISO time ending in Z");
    return null;
  }
}
