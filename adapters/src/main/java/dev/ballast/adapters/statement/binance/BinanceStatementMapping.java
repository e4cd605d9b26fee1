package dev.ballast.adapters.statement.binance;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.adapters.statement.RowCells;
import dev.ballast.adapters.statement.TradeAmounts;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
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
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Pure mapping of Binance statement rows: each row a leg; the legs of one trade grouped into one trade. */
public final class BinanceStatementMapping {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  private static final Set<String> TRADE = Set.of("transaction buy", "transaction spend", "transaction sold", "transaction revenue",
      "transaction fee", "transaction related", "buy", "sell", "fee", "binance convert", "large otc trading", "small assets exchange bnb",
      "bnb fee deduction", "buy crypto with card");
  private static final Set<String> DEPOSIT = Set.of("deposit", "fiat deposit");
  private static final Set<String> WITHDRAW = Set.of("withdraw", "fiat withdraw", "send");
  private static final Set<String> INCOME = Set.of("distribution", "airdrop assets", "simple earn flexible interest", "simple earn locked rewards",
      "staking rewards", "eth 2.0 staking rewards", "launchpool interest", "hodler airdrops distribution", "commission history",
      "referral commission", "cash voucher distribution", "savings interest", "pos savings interest", "rewards distribution",
      "simple earn flexible airdrop", "simple earn locked airdrop", "megadrop rewards", "asset recovery");
  private static final Set<String> INTERNAL = Set.of("transfer between main and funding wallet", "transfer between main account/futures and margin account",
      "simple earn flexible subscription", "simple earn flexible redemption", "simple earn locked subscription", "simple earn locked redemption",
      "staking purchase", "staking redemption", "transfer_in", "transfer_out", "main and funding account transfer", "savings purchase",
      "savings principal redemption", "pos savings purchase", "pos savings redemption", "funding account transfer");
  /** Settlement assets after fiat, by preference: a trade against one of them is priced in it. */
  static final List<String> QUOTES = List.of("USDT", "FDUSD", "USDC", "BUSD", "TUSD", "DAI", "BTC", "ETH", "BNB");

  private BinanceStatementMapping() {}

  /** One row: its time, account, operation (lower case), coin and signed change. */
  public record Leg(int line, Instant at, String account, String operation, AssetId coin, BigDecimal change) {
    boolean tradeLeg() {
      return TRADE.contains(operation);
    }

    boolean fee() {
      return operation.contains("fee");
    }

    boolean sameTradeAs(Leg first) {
      return first.tradeLeg() && tradeLeg() && at.equals(first.at) && account.equals(first.account);
    }
  }

  /** The row as a leg; null for a move between the user's own wallets, or with the problems in {@code c}. */
  public static Leg leg(RowCells c) {
    String timeText = c.required("UTC_Time");
    String account = c.text("Account");
    String operation = c.required("Operation");
    AssetId coin = c.asset("Coin", c.text("Coin"));
    BigDecimal change = c.requiredDecimal("Change");
    Instant at = null;
    if (timeText != null) {
      try {
        at = LocalDateTime.parse(timeText, TIME).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        c.fail("UTC_Time", "\"" + Cells.shorten(timeText) + "\" is not YYYY-MM-DD HH:MM:SS");
      }
    }
    if (!c.ok()) {
      return null;
    }
    String op = operation.toLowerCase(Locale.ROOT).strip();
    if (INTERNAL.contains(op)) {
      return null;
    }
    if (!TRADE.contains(op) && !DEPOSIT.contains(op) && !WITHDRAW.contains(op) && !INCOME.contains(op)) {
      c.fail("Operation", "\"" + Cells.shorten(operation) + "\" is not an operation read here (trades, Binance Convert, Deposit, Withdraw, "
          + "Distribution, Simple Earn interest, staking rewards, moves between the user's wallets)");
      return null;
    }
    if (change.signum() == 0) {
      c.fail("Change", "is zero");
      return null;
    }
    boolean in = DEPOSIT.contains(op) || INCOME.contains(op);
    if ((in && change.signum() < 0) || (WITHDRAW.contains(op) && change.signum() > 0)) {
      c.fail("Change", change.toPlainString() + " has the wrong sign for " + operation);
      return null;
    }
    return new Leg(c.line(), at, account == null ? "" : account, op, coin, change);
  }

  /** The transactions of a group of legs (a single non-trade row, or the legs of one trade). */
  public static List<Transaction> transactions(List<Leg> group, List<StatementError.InvalidRow> errors) {
    Leg first = group.get(0);
    if (!first.tradeLeg()) {
      TransactionType type = DEPOSIT.contains(first.operation()) ? TransactionType.DEPOSIT
          : WITHDRAW.contains(first.operation()) ? TransactionType.WITHDRAWAL : TransactionType.STAKING_REWARD;
      return List.of(Transaction.builder(type).at(first.at()).asset(first.coin()).quantity(Quantity.of(first.change().abs()))
          .note(type == TransactionType.STAKING_REWARD ? "binance " + first.operation() : null).build());
    }
    Map<AssetId, BigDecimal> moved = new TreeMap<>();
    Map<AssetId, BigDecimal> fees = new TreeMap<>();
    for (Leg leg : group) {
      if (leg.fee()) {
        if (leg.change().signum() > 0) {
          errors.add(new StatementError.InvalidRow(leg.line(), "Change", "a fee of " + leg.change().toPlainString() + " is positive"));
        }
        fees.merge(leg.coin(), leg.change().negate(), BigDecimal::add);
      } else {
        moved.merge(leg.coin(), leg.change(), BigDecimal::add);
      }
    }
    fees.values().removeIf(v -> v.signum() == 0);
    List<AssetId> in = moved.entrySet().stream().filter(e -> e.getValue().signum() > 0).map(Map.Entry::getKey).toList();
    List<AssetId> out = moved.entrySet().stream().filter(e -> e.getValue().signum() < 0).map(Map.Entry::getKey).toList();
    if (!errors.isEmpty()) {
      return List.of();
    }
    List<Transaction> txs = new ArrayList<>();
    String note = "binance " + first.operation();
    if (in.isEmpty() && out.isEmpty()) {
      fees.forEach((coin, amount) -> txs.add(fee(first.at(), coin, amount, note)));
      return txs;
    }
    if (in.size() == 1 && out.isEmpty() && first.operation().equals("buy crypto with card")) {
      // bought with a card: the coins arrive, the cash never was in the account
      txs.add(Transaction.builder(TransactionType.DEPOSIT).at(first.at()).asset(in.get(0)).quantity(Quantity.of(moved.get(in.get(0)))).note(note).build());
      fees.forEach((coin, amount) -> txs.add(fee(first.at(), coin, amount, note)));
      return txs;
    }
    if (in.size() != 1 || out.size() != 1) {
      errors.add(new StatementError.InvalidRow(first.line(), "Coin", "the " + group.size() + " rows at " + first.at() + " on " + first.account()
          + " buy " + in + " and sell " + out + ": one trade buys one coin with another, so they cannot be paired"));
      return List.of();
    }
    AssetId got = in.get(0);
    AssetId spent = out.get(0);
    boolean sell = got.isFiat() ? !spent.isFiat() : !spent.isFiat() && rank(got) < rank(spent);
    TransactionType side = sell ? TransactionType.SELL : TransactionType.BUY;
    AssetId asset = sell ? spent : got;
    AssetId settle = sell ? got : spent;
    BigDecimal units = moved.get(asset).abs();
    TradeAmounts.Priced priced = TradeAmounts.of(side, units, settle, moved.get(settle).abs());
    Money settleFee = new Money(fees.getOrDefault(settle, BigDecimal.ZERO), settle).plus(priced.rounding());
    Map<AssetId, BigDecimal> otherFees = new TreeMap<>(fees);
    otherFees.remove(settle);
    Transaction.Builder b = Transaction.builder(side).at(first.at()).asset(asset).quantity(Quantity.of(units)).price(priced.price()).note(note);
    if (settleFee.signum() != 0) {
      b.fee(settleFee);
    } else if (otherFees.size() == 1) {
      var only = otherFees.entrySet().iterator().next();
      b.fee(new Money(only.getValue(), only.getKey()));
      otherFees.clear();
    }
    txs.add(b.build());
    otherFees.forEach((coin, amount) -> txs.add(fee(first.at(), coin, amount, note + " fee")));
    return txs;
  }

  private static Transaction fee(Instant at, AssetId coin, BigDecimal amount, String note) {
    return Transaction.builder(TransactionType.FEE).at(at).asset(coin).quantity(Quantity.of(amount)).note(note).build();
  }

  private static int rank(AssetId asset) {
    int i = QUOTES.indexOf(asset.value());
    return i < 0 ? Integer.MAX_VALUE : i;
  }
}
