package dev.ballast.adapters.account.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.adapters.statement.coinbase.CoinbaseImporter;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Coinbase's account transactions (the app's {@code /v2/accounts/:id/transactions}) that move
 * money in or out of the account, as ledger values: sends, receives, fiat deposits and withdrawals,
 * staking and other rewards. Trades are not taken from here: Advanced Trade fills come from the
 * brokerage fills (with their own ids), and the app's simple buys, sells and converts are two
 * transactions in two accounts that this listing does not tie together.
 */
public final class CoinbaseTransfers {
  /** Types that move nothing in or out of the whole of the user's Coinbase (between its own accounts) or that are trades read elsewhere. */
  static final Set<String> NOT_READ = Set.of("advanced_trade_fill", "buy", "sell", "trade", "retail_simple_dust", "transfer", "staking_transfer",
      "unstaking_transfer", "request", "derivatives_settlement", "intx_deposit", "intx_withdrawal");
  static final Set<String> STAKING = Set.of("staking_reward", "inflation_reward");
  static final Set<String> OTHER_INCOME = Set.of("earn_payout", "interest", "incentives_rewards_payout", "subscription_rebate", "vault_interest");

  private CoinbaseTransfers() {}

  /** One account transaction as Coinbase lists it (strings as sent). */
  public record Entry(String id, String type, String status, String amount, String currency, Instant createdAt, String networkFee, String feeCurrency) {

    public boolean completed() {
      return status.equalsIgnoreCase("completed");
    }

    /** Failed, cancelled or expired: never recorded, and nothing to wait for. */
    public boolean settledWithoutEffect() {
      return Set.of("failed", "canceled", "cancelled", "expired").contains(status.toLowerCase(Locale.ROOT));
    }
  }

  static Entry entry(JsonNode t) {
    String id = t.path("id").asText("");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("an account transaction without id");
    }
    Instant at;
    try {
      at = Instant.parse(t.path("created_at").asText(""));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("transaction " + id + ": created_at is not an RFC 3339 time");
    }
    JsonNode fee = t.path("network").path("transaction_fee");
    return new Entry(id, t.path("type").asText(""), t.path("status").asText(""), t.path("amount").path("amount").asText(""),
        t.path("amount").path("currency").asText(""), at, fee.path("amount").asText(""), fee.path("currency").asText(""));
  }

  /**
   * The completed transaction as a deposit, withdrawal or reward of what moved (the amount Coinbase
   * says the account changed by); empty for types read elsewhere or moving nothing out of Coinbase.
   * An unknown type is refused naming the transaction, so a new kind of movement is never dropped unseen.
   */
  public static Optional<Transaction> transaction(Entry e) {
    String type = e.type().toLowerCase(Locale.ROOT);
    if (NOT_READ.contains(type)) {
      return Optional.empty();
    }
    BigDecimal amount;
    try {
      amount = new BigDecimal(e.amount());
    } catch (NumberFormatException x) {
      throw new IllegalArgumentException("transaction " + e.id() + ": amount is not a number");
    }
    if (e.currency().isBlank()) {
      throw new IllegalArgumentException("transaction " + e.id() + ": amount has no currency");
    }
    if (amount.signum() == 0) {
      return Optional.empty();
    }
    TransactionType kind = switch (type) {
      case "send", "receive", "fiat_deposit", "fiat_withdrawal", "tx", "clawback", "incentives_shared_clawback", "subscription" ->
          amount.signum() > 0 ? TransactionType.DEPOSIT : TransactionType.WITHDRAWAL;
      default -> {
        // every reward is received units, as the app's CSV importer records Staking Income, Rewards Income and Interest payout
        if (STAKING.contains(type) || OTHER_INCOME.contains(type)) {
          yield TransactionType.STAKING_REWARD;
        }
        throw new IllegalArgumentException("transaction " + e.id() + ": type " + e.type() + " is not read (sends, receives, fiat deposits and "
            + "withdrawals, rewards)");
      }
    };
    if (kind == TransactionType.STAKING_REWARD && amount.signum() < 0) {
      throw new IllegalArgumentException("transaction " + e.id() + ": a " + e.type() + " of " + amount.toPlainString() + " is negative");
    }
    Transaction.Builder b = Transaction.builder(kind).at(e.createdAt()).asset(AssetId.of(e.currency().toUpperCase(Locale.ROOT)))
        .quantity(Quantity.of(amount.abs())).ref(CoinbaseImporter.SOURCE, e.id());
    if (!e.networkFee().isBlank()) {
      // what the account changed by already holds the network fee: it is noted, not charged twice
      b.note("network fee " + e.networkFee() + " " + e.feeCurrency());
    }
    return Optional.of(b.build());
  }
}
