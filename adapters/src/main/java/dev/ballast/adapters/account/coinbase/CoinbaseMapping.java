package dev.ballast.adapters.account.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.adapters.statement.TradeAmounts;
import dev.ballast.adapters.statement.coinbase.CoinbaseImporter;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletionException;

/**
 * Coinbase Advanced Trade fills as ledger values. A fill of {@code BTC-USD} is a BUY or SELL of
 * BTC at its price in USD, its commission a fee in USD, its id the fill's {@code entry_id} under
 * the source {@code coinbase}. The app's transaction-history CSV has other ids (24 hex digits), so
 * an Advanced Trade row imported from that file and the same fill synced are two rows: sync an
 * account or import its Advanced Trade rows, not both.
 */
public final class CoinbaseMapping {
  private static final int UNIT_SCALE = 16;

  private CoinbaseMapping() {}

  /** One fill as Coinbase lists it (strings as sent). */
  public record Fill(String entryId, String tradeId, Instant time, String tradeType, String productId, String side, String price, String size,
      String commission, boolean sizeInQuote) {}

  static Fill fill(JsonNode f) {
    String entry = f.path("entry_id").asText("");
    if (entry.isEmpty()) {
      throw malformed("a fill without entry_id");
    }
    Instant time;
    try {
      time = Instant.parse(f.path("trade_time").asText(""));
    } catch (DateTimeParseException e) {
      throw malformed("fill " + entry + ": trade_time is not an RFC 3339 time");
    }
    return new Fill(entry, f.path("trade_id").asText(""), time, f.path("trade_type").asText(""), f.path("product_id").asText(""),
        f.path("side").asText(""), f.path("price").asText(""), f.path("size").asText(""), f.path("commission").asText("0"),
        f.path("size_in_quote").asBoolean(false));
  }

  /**
   * The fill as a trade. With {@code size_in_quote} the size is the quote amount (an order placed
   * as "buy 50 USD of BTC"): the units are size / price, the cash the size exactly.
   */
  public static Transaction transaction(Fill f) {
    if (!f.tradeType().equals("FILL")) {
      throw new IllegalArgumentException("fill " + f.entryId() + ": trade_type " + f.tradeType() + " is not read (only FILL)");
    }
    String[] product = f.productId().split("-");
    if (product.length != 2) {
      throw new IllegalArgumentException("fill " + f.entryId() + ": product_id \"" + f.productId() + "\" is not BASE-QUOTE");
    }
    TransactionType side = switch (f.side()) {
      case "BUY" -> TransactionType.BUY;
      case "SELL" -> TransactionType.SELL;
      default -> throw new IllegalArgumentException("fill " + f.entryId() + ": side " + f.side() + " is neither BUY nor SELL");
    };
    BigDecimal price = number(f, "price", f.price());
    BigDecimal size = number(f, "size", f.size());
    BigDecimal commission = number(f, "commission", f.commission());
    if (price.signum() <= 0 || size.signum() <= 0 || commission.signum() < 0) {
      throw new IllegalArgumentException("fill " + f.entryId() + ": price and size must be positive and commission not negative");
    }
    AssetId base = AssetId.of(product[0]);
    AssetId quote = AssetId.of(product[1]);
    Transaction.Builder b = Transaction.builder(side).at(f.time()).asset(base).ref(CoinbaseImporter.SOURCE, f.entryId());
    Money fee = new Money(commission, quote);
    if (f.sizeInQuote()) {
      BigDecimal units = size.divide(price, UNIT_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
      TradeAmounts.Priced priced = TradeAmounts.of(side, units, quote, size);
      b.quantity(Quantity.of(units)).price(priced.price());
      fee = fee.plus(priced.rounding());
    } else {
      b.quantity(Quantity.of(size)).price(new Price(price, quote));
    }
    if (fee.signum() != 0) {
      b.fee(fee);
    }
    return b.build();
  }

  private static BigDecimal number(Fill f, String field, String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("fill " + f.entryId() + ": " + field + " is not a number");
    }
  }

  static BigDecimal decimal(JsonNode node, String what) {
    try {
      return new BigDecimal(node.asText());
    } catch (NumberFormatException e) {
      throw malformed(what + " is not a number");
    }
  }

  private static CompletionException malformed(String reason) {
    return new CompletionException(new AccountAdapterException(CoinbaseAccountAdapter.KIND, new AccountAdapterError.Malformed(reason)));
  }
}
