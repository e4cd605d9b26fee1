package dev.ballast.adapters.statement.kraken;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.adapters.statement.RowCells;
import dev.ballast.adapters.statement.TradeAmounts;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Pure mapping of Kraken ledger rows to transactions; the two rows of a trade wait for each other in {@code pending}. */
public final class KrakenMapping {
  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter(Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT);
  private static final Set<String> TRADE_TYPES = Set.of("trade", "spend", "receive");
  private static final Set<String> INTERNAL_SUBTYPES =
      Set.of("spottostaking", "stakingfromspot", "spotfromstaking", "stakingtospot", "spottofutures", "spotfromfutures");
  private static final Set<String> INTERNAL_EARN = Set.of("allocation", "deallocation", "autoallocation", "migration");
  /** Settlement assets other than fiat, by preference: a trade against one of them is priced in it. */
  static final List<String> QUOTES = List.of("USDT", "USDC", "DAI", "PYUSD", "BTC", "ETH");

  private KrakenMapping() {}

  /** A row of a trade waiting for its other row. */
  public record Leg(int line, String refid, Instant at, AssetId asset, BigDecimal amount, BigDecimal fee) {}

  /** A transaction, the line it starts on and its id. */
  public record Mapped(int line, Transaction transaction, String externalId) {}

  /** The transactions one row gives (none for a pending row, an internal move or the first row of a trade). */
  public static List<Mapped> row(RowCells c, Map<String, Leg> pending, Map<String, BigDecimal> balances) {
    String txid = c.text("txid");
    if (txid == null) {
      return List.of(); // pending or failed: Kraken writes the entry again with its txid once it is final
    }
    String refid = c.text("refid");
    String type = c.required("type");
    String subtype = c.text("subtype");
    Instant at = time(c);
    String code = c.required("asset");
    BigDecimal amount = c.requiredDecimal("amount");
    BigDecimal fee = c.decimal("fee");
    BigDecimal balance = c.decimal("balance");
    AssetId asset = code == null ? null : c.asset("asset", KrakenAssets.canonical(code));
    if (fee != null && fee.signum() < 0) {
      c.fail("fee", "is negative; Kraken writes fees as positive amounts");
    }
    if (!c.ok()) {
      return List.of();
    }
    fee = fee == null ? BigDecimal.ZERO : fee;
    if (balance != null) {
      BigDecimal before = balances.put(code, balance);
      if (before != null && before.add(amount).subtract(fee).compareTo(balance) != 0) {
        c.fail("balance", balance.toPlainString() + " is not the balance before (" + before.toPlainString() + ") + amount - fee of " + code);
        return List.of();
      }
    }
    String t = type.toLowerCase(Locale.ROOT);
    String sub = subtype == null ? "" : subtype.toLowerCase(Locale.ROOT);
    int line = c.line();
    if (TRADE_TYPES.contains(t)) {
      if (refid == null) {
        c.fail("refid", "is empty: the two rows of a trade are linked by it");
        return List.of();
      }
      Leg leg = new Leg(line, refid, at, asset, amount, fee);
      Leg other = pending.remove(refid);
      if (other == null) {
        pending.put(refid, leg);
        return List.of();
      }
      return trade(c, other, leg);
    }
    List<Mapped> out = new ArrayList<>();
    boolean internal = t.equals("earn") && INTERNAL_EARN.contains(sub) || t.equals("transfer") && INTERNAL_SUBTYPES.contains(sub);
    if (internal) {
      // spot, staking and earn balances are one asset here: the move changes no holding, only its fee does
      if (fee.signum() != 0) {
        out.add(mapped(line, Transaction.builder(TransactionType.FEE).at(at).asset(asset).quantity(Quantity.of(fee)).build(), txid));
      }
      return out;
    }
    TransactionType kind = switch (t) {
      case "deposit" -> positive(c, amount) ? TransactionType.DEPOSIT : null;
      case "withdrawal" -> negative(c, amount) ? TransactionType.WITHDRAWAL : null;
      case "staking", "dividend", "earn" -> positive(c, amount) ? TransactionType.STAKING_REWARD : null;
      case "transfer", "adjustment", "invite bonus" -> amount.signum() > 0 ? TransactionType.DEPOSIT
          : negative(c, amount) ? TransactionType.WITHDRAWAL : null;
      default -> {
        c.fail("type", "\"" + Cells.shorten(type) + "\" is not a ledger type read here (deposit, withdrawal, trade, spend, receive, "
            + "staking, earn, transfer, dividend, adjustment, invite bonus)");
        yield null;
      }
    };
    if (kind == null) {
      return List.of();
    }
    String note = t.equals("deposit") || t.equals("withdrawal") ? null : ("kraken " + t + (sub.isEmpty() ? "" : " " + sub));
    out.add(mapped(line, move(kind, at, asset, amount.abs(), fee, note), txid));
    return c.ok() ? out : List.of();
  }

  /** The two rows of a trade as one: what was received is bought with what was spent, or, against fiat or a stablecoin, sold for it. */
  static List<Mapped> trade(RowCells c, Leg a, Leg b) {
    if (a.amount().signum() == b.amount().signum() || a.amount().signum() == 0 || b.amount().signum() == 0) {
      c.fail("amount", "the two rows of trade " + a.refid() + " (lines " + a.line() + " and " + b.line() + ") do not move one asset in and one out");
      return List.of();
    }
    Leg spent = a.amount().signum() < 0 ? a : b;
    Leg got = spent == a ? b : a;
    if (spent.asset().equals(got.asset())) {
      c.fail("asset", "both rows of trade " + a.refid() + " are in " + got.asset());
      return List.of();
    }
    boolean sell = got.asset().isFiat() ? !spent.asset().isFiat() : !spent.asset().isFiat() && rank(got.asset()) < rank(spent.asset());
    TransactionType side = sell ? TransactionType.SELL : TransactionType.BUY;
    Leg asset = sell ? spent : got;
    Leg settle = sell ? got : spent;
    TradeAmounts.Priced priced = TradeAmounts.of(side, asset.amount().abs(), settle.asset(), settle.amount().abs());
    Money settleFee = new Money(settle.fee(), settle.asset()).plus(priced.rounding());
    Transaction.Builder builder = Transaction.builder(side).at(a.at()).asset(asset.asset()).quantity(Quantity.of(asset.amount().abs()))
        .price(priced.price());
    List<Mapped> out = new ArrayList<>();
    if (settleFee.signum() != 0) {
      builder.fee(settleFee);
      if (asset.fee().signum() != 0) {
        out.add(mapped(b.line(), Transaction.builder(TransactionType.FEE).at(a.at()).asset(asset.asset())
            .quantity(Quantity.of(asset.fee())).note("kraken trade fee in " + asset.asset()).build(), a.refid() + "-fee"));
      }
    } else if (asset.fee().signum() != 0) {
      builder.fee(new Money(asset.fee(), asset.asset()));
    }
    out.add(0, mapped(a.line(), builder.build(), a.refid()));
    return out;
  }

  private static int rank(AssetId asset) {
    int i = QUOTES.indexOf(asset.value());
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static Transaction move(TransactionType type, Instant at, AssetId asset, BigDecimal units, BigDecimal fee, String note) {
    Transaction.Builder b = Transaction.builder(type).at(at).asset(asset).quantity(Quantity.of(units)).note(note);
    if (fee.signum() != 0) {
      b.fee(new Money(fee, asset));
    }
    return b.build();
  }

  private static Mapped mapped(int line, Transaction tx, String id) {
    return new Mapped(line, tx, id);
  }

  private static boolean positive(RowCells c, BigDecimal amount) {
    if (amount.signum() <= 0) {
      c.fail("amount", amount.toPlainString() + " is not positive");
    }
    return amount.signum() > 0;
  }

  private static boolean negative(RowCells c, BigDecimal amount) {
    if (amount.signum() >= 0) {
      c.fail("amount", amount.toPlainString() + " is not negative");
    }
    return amount.signum() < 0;
  }

  static Instant time(RowCells c) {
    String text = c.text("time");
    if (text == null) {
      c.fail("time", "is empty");
      return null;
    }
    try {
      return LocalDateTime.parse(text, TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      c.fail("time", "\"" + Cells.shorten(text) + "\" is not YYYY-MM-DD HH:MM:SS");
      return null;
    }
  }
}
