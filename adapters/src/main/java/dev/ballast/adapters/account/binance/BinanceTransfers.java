package dev.ballast.adapters.account.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.adapters.statement.binance.BinanceTradeImporter;
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
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Binance's wallet history as ledger values: deposits ({@code /sapi/v1/capital/deposit/hisrec}),
 * withdrawals ({@code /sapi/v1/capital/withdraw/history}) and distributions
 * ({@code /sapi/v1/asset/assetDividend}: staking rewards, airdrops, savings interest, fee rebates).
 * Each carries Binance's own id under the source {@code binance} ({@code deposit:ID},
 * {@code withdraw:ID}, {@code dividend:ID}); the transaction-history statement has no ids, so a
 * deposit imported from that file and synced are two rows: sync the wallet history or import it.
 */
public final class BinanceTransfers {
  private static final DateTimeFormatter APPLY_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
  /** Deposit statuses: 1 success, 6 credited but not yet withdrawable (both held); 0 pending and 8 waiting for the user's confirmation. */
  private static final Set<Integer> DEPOSIT_HELD = Set.of(1, 6);
  private static final Set<Integer> DEPOSIT_PENDING = Set.of(0, 8);
  /** Withdrawal statuses: 6 completed; 0 email sent, 2 awaiting approval, 4 processing (1 cancelled, 3 rejected, 5 failure move nothing). */
  private static final Set<Integer> WITHDRAW_PENDING = Set.of(0, 2, 4);

  private BinanceTransfers() {}

  /** One row of a wallet history: its time (ms), whether it may still change, and its transaction when it moved money. */
  public record Item(long time, boolean pending, Optional<Transaction> transaction) {}

  public static Item deposit(JsonNode d) {
    String id = id(d, "id", "deposit");
    long time = millis(d, "insertTime", "deposit " + id);
    int status = d.path("status").asInt(-1);
    if (DEPOSIT_PENDING.contains(status)) {
      return new Item(time, true, Optional.empty());
    }
    if (!DEPOSIT_HELD.contains(status)) {
      return new Item(time, false, Optional.empty());
    }
    BigDecimal amount = positive(d, "amount", "deposit " + id);
    return new Item(time, false, Optional.of(Transaction.builder(TransactionType.DEPOSIT).at(Instant.ofEpochMilli(time)).asset(asset(d, "coin", id))
        .quantity(Quantity.of(amount)).ref(BinanceTradeImporter.SOURCE, "deposit:" + id).note(network(d)).build()));
  }

  /** A completed withdrawal: the amount sent, and Binance's fee in the coin on top of it. */
  public static Item withdrawal(JsonNode w) {
    String id = id(w, "id", "withdrawal");
    long time;
    try {
      time = LocalDateTime.parse(w.path("applyTime").asText(""), APPLY_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("withdrawal " + id + ": applyTime is not YYYY-MM-DD HH:MM:SS");
    }
    int status = w.path("status").asInt(-1);
    if (WITHDRAW_PENDING.contains(status)) {
      return new Item(time, true, Optional.empty());
    }
    if (status != 6) {
      return new Item(time, false, Optional.empty());
    }
    AssetId coin = asset(w, "coin", id);
    BigDecimal amount = positive(w, "amount", "withdrawal " + id);
    BigDecimal fee = w.hasNonNull("transactionFee") ? decimal(w, "transactionFee", "withdrawal " + id) : BigDecimal.ZERO;
    if (fee.signum() < 0) {
      throw new IllegalArgumentException("withdrawal " + id + ": transactionFee " + fee.toPlainString() + " is negative");
    }
    Transaction.Builder b = Transaction.builder(TransactionType.WITHDRAWAL).at(Instant.ofEpochMilli(time)).asset(coin).quantity(Quantity.of(amount))
        .ref(BinanceTradeImporter.SOURCE, "withdraw:" + id).note(network(w));
    if (fee.signum() != 0) {
      b.fee(new Money(fee, coin));
    }
    return new Item(time, false, Optional.of(b.build()));
  }

  /** A distribution credited (direction 1, or none given) is a reward of units; one debited (direction -1) is refused. */
  public static Item dividend(JsonNode r) {
    String id = id(r, "id", "distribution");
    long time = millis(r, "divTime", "distribution " + id);
    if (r.path("direction").asInt(1) < 0) {
      throw new IllegalArgumentException("distribution " + id + ": a debit (direction -1, " + r.path("enInfo").asText("") + ") is not read");
    }
    BigDecimal amount = positive(r, "amount", "distribution " + id);
    String info = r.path("enInfo").asText("");
    return new Item(time, false, Optional.of(Transaction.builder(TransactionType.STAKING_REWARD).at(Instant.ofEpochMilli(time))
        .asset(asset(r, "asset", id)).quantity(Quantity.of(amount)).ref(BinanceTradeImporter.SOURCE, "dividend:" + id)
        .note(info.isEmpty() ? null : shorten(info)).build()));
  }

  private static String network(JsonNode n) {
    String network = n.path("network").asText("");
    return network.isEmpty() ? null : "network " + shorten(network);
  }

  private static String shorten(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120);
  }

  private static String id(JsonNode n, String field, String what) {
    String id = n.path(field).asText("");
    if (id.isEmpty() || id.length() > 100) {
      throw new IllegalArgumentException("a " + what + " without an id");
    }
    return id;
  }

  private static long millis(JsonNode n, String field, String what) {
    if (!n.path(field).canConvertToLong()) {
      throw new IllegalArgumentException(what + ": " + field + " is not a time in milliseconds");
    }
    return n.path(field).asLong();
  }

  private static AssetId asset(JsonNode n, String field, String id) {
    String code = n.path(field).asText("");
    if (!code.matches("[A-Za-z0-9]{1,20}")) {
      throw new IllegalArgumentException(id + ": " + field + " \"" + shorten(code) + "\" is not an asset code");
    }
    return AssetId.of(code.toUpperCase(Locale.ROOT));
  }

  private static BigDecimal decimal(JsonNode n, String field, String what) {
    try {
      return new BigDecimal(n.path(field).asText(""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": " + field + " is not a number");
    }
  }

  private static BigDecimal positive(JsonNode n, String field, String what) {
    BigDecimal v = decimal(n, field, what);
    if (v.signum() <= 0) {
      throw new IllegalArgumentException(what + ": " + field + " " + v.toPlainString() + " is not positive");
    }
    return v;
  }
}
