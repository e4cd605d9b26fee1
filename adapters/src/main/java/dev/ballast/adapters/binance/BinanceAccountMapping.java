package dev.ballast.adapters.binance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ballast.adapters.statement.binance.BinanceMapping;
import dev.ballast.adapters.statement.binance.BinanceTradeImporter;
import dev.ballast.adapters.statement.binance.BinanceTradeRow;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.RowFingerprint;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Binance's REST answers as ledger values. A trade of {@code GET /api/v3/myTrades} is written as
 * the row of Binance's spot trade export would be (the second of its time, the pair, the glued
 * amounts, the fee and its coin) and mapped by the statement importer's own {@link BinanceMapping},
 * with the importer's fingerprint id: the same trade gives the same transaction and id from the
 * file and from the API, so the ledger records it once whichever comes first.
 */
public final class BinanceAccountMapping {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private BinanceAccountMapping() {}

  /** One of {@code myTrades}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Trade(String symbol, long id, String price, String qty, String quoteQty, String commission, String commissionAsset, long time,
      boolean isBuyer) {}

  /** {@code GET /api/v3/account}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Account(List<AssetBalance> balances) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AssetBalance(String asset, String free, String locked) {}

  /** A configured pair: base and quote as Binance names them. */
  public record Pair(String base, String quote) {
    public String symbol() {
      return base + quote;
    }
  }

  /** The second a trade is listed under in the export. */
  public static Instant second(Trade t) {
    return Instant.ofEpochMilli(t.time()).truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * The trades of one page as transactions in order; identical trades of one second are counted
   * as the export counts them, so a page must hold whole seconds (the adapter cuts it so).
   */
  public static List<Transaction> transactions(Pair pair, List<Trade> trades) {
    RowFingerprint fingerprint = new RowFingerprint();
    List<Transaction> out = new ArrayList<>();
    for (Trade t : trades) {
      BinanceMapping.Mapped mapped = BinanceMapping.transaction(new BinanceTradeRow(0, DATE.format(second(t)), pair.symbol(),
          t.isBuyer() ? "BUY" : "SELL", t.price(), t.qty() + pair.base(), t.quoteQty() + pair.quote(), t.commission(), t.commissionAsset()),
          "symbol", "qty", "quoteQty");
      if (!mapped.errors().isEmpty()) {
        throw new IllegalArgumentException("trade " + t.id() + " of " + pair.symbol() + ": " + mapped.errors().get(0).message());
      }
      Transaction tx = mapped.transaction();
      out.add(new Transaction(tx.type(), tx.timestamp(), tx.asset(), tx.quantity(), tx.price(), tx.amount(), tx.fee(), tx.tax(), tx.fxRate(),
          tx.transferId(), tx.splitRatio(), BinanceTradeImporter.SOURCE, fingerprint.externalId(tx), tx.note()));
    }
    return out;
  }

  public static Optional<Balance> balance(AssetBalance b) {
    BigDecimal free = new BigDecimal(b.free());
    BigDecimal locked = new BigDecimal(b.locked());
    if (free.signum() == 0 && locked.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(new Balance(AssetId.of(b.asset()), Quantity.of(free.add(locked)), Quantity.of(free), Quantity.of(locked)));
  }
}
