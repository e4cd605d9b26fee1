package dev.ballast.adapters.statement.kraken;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.adapters.statement.NamedColumnsCsv;
import dev.ballast.adapters.statement.RowCells;
import dev.ballast.adapters.statement.TradeAmounts;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.statement.StatementFormat;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementRow;
import dev.ballast.engine.statement.StatementSink;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kraken's trades.csv (History › Export › Trades): one row per fill, with the pair, the side, the
 * cost and fee in the quote asset and the volume in the base. A trade's id is its txid, which is
 * the refid of its two rows in ledgers.csv: a trade imported from both files is recorded once.
 * Margin trades are refused naming {@code margin}: they open positions this ledger does not keep.
 */
public final class KrakenTradeImporter implements StatementImporter {
  public static final String NAME = "kraken-trades";
  private static final List<String> REQUIRED = List.of("txid", "ordertxid", "pair", "time", "type", "ordertype", "price", "cost", "fee", "vol");
  private static final StatementFormat FORMAT = new StatementFormat(NAME,
      "UTF-8 CSV, Kraken trades.csv, with the header \"txid\",\"ordertxid\",\"pair\",\"time\",\"type\",\"ordertype\",\"price\",\"cost\","
          + "\"fee\",\"vol\",\"margin\",\"misc\",\"ledgers\" (or a variant with costusd or the margin position columns)");

  @Override
  public StatementFormat format() {
    return FORMAT;
  }

  @Override
  public boolean recognises(byte[] head) {
    return NamedColumnsCsv.recognises(head, REQUIRED, 3);
  }

  /** The columns of a header by name; null when it is not one. */
  static Map<String, Integer> header(List<String> cells) {
    return NamedColumnsCsv.header(cells, REQUIRED, 3);
  }

  @Override
  public void read(String file, InputStream content, StatementSink sink) {
    NamedColumnsCsv.read(content, StandardCharsets.UTF_8, FORMAT, KrakenTradeImporter::header, sink, c -> {
      Transaction tx = trade(c);
      if (!c.ok()) {
        c.problems().forEach(sink::error);
      } else {
        sink.row(StatementRow.of(c.line(), tx));
      }
    });
  }

  /** One fill as a trade of the base for the quote; null (with the row's problems in {@code c}) when it is not one. */
  static Transaction trade(RowCells c) {
    String txid = c.required("txid");
    String pairText = c.required("pair");
    String side = c.required("type");
    Instant at = KrakenMapping.time(c);
    BigDecimal cost = c.requiredDecimal("cost");
    BigDecimal fee = c.decimal("fee");
    BigDecimal vol = c.requiredDecimal("vol");
    BigDecimal margin = c.has("margin") ? c.decimal("margin") : null;
    if (!c.ok()) {
      return null;
    }
    KrakenAssets.Pair pair = KrakenAssets.pair(pairText);
    if (pair == null) {
      c.fail("pair", "\"" + Cells.shorten(pairText) + "\" does not end in a quote asset read here (USD, EUR, XBT, USDT, ...): name it BASE/QUOTE");
      return null;
    }
    AssetId base = c.asset("pair", pair.base());
    AssetId quote = c.asset("pair", pair.quote());
    TransactionType type = switch (side.toLowerCase(Locale.ROOT)) {
      case "buy" -> TransactionType.BUY;
      case "sell" -> TransactionType.SELL;
      default -> {
        c.fail("type", "\"" + Cells.shorten(side) + "\" is neither buy nor sell");
        yield null;
      }
    };
    if (margin != null && margin.signum() != 0) {
      c.fail("margin", margin.toPlainString() + ": a margin trade opens a position, which is not read here (spot trades have 0)");
    }
    if (vol.signum() <= 0) {
      c.fail("vol", vol.toPlainString() + " is not positive");
    }
    if (cost.signum() < 0) {
      c.fail("cost", cost.toPlainString() + " is negative; Kraken writes the cost unsigned");
    }
    if (fee != null && fee.signum() < 0) {
      c.fail("fee", fee.toPlainString() + " is negative; Kraken writes the fee unsigned");
    }
    if (!c.ok()) {
      return null;
    }
    // the cost is the cash that moved; the price column is rounded, so the price comes from the cost
    TradeAmounts.Priced priced = TradeAmounts.of(type, vol, quote, cost);
    Money totalFee = new Money(fee == null ? BigDecimal.ZERO : fee, quote).plus(priced.rounding());
    Transaction.Builder b = Transaction.builder(type).at(at).asset(base).quantity(Quantity.of(vol)).price(priced.price())
        .ref(KrakenLedgerImporter.SOURCE, txid);
    if (totalFee.signum() != 0) {
      b.fee(totalFee);
    }
    return b.build();
  }
}
