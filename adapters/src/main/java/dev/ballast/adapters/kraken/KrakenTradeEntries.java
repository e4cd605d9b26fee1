package dev.ballast.adapters.kraken;

import dev.ballast.adapters.statement.kraken.KrakenTradeImporter;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.StatementBalance;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementRow;
import dev.ballast.engine.statement.StatementSink;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kraken's trades of the REST API ({@code TradesHistory}) as ledger values: each trade is written as
 * its trades.csv row and read by the statement importer {@link KrakenTradeImporter}, so a trade
 * from the API, its row in trades.csv and its two rows in ledgers.csv are one transaction (the id is
 * the trade's txid, which is the refid of its ledger rows).
 */
public final class KrakenTradeEntries {
  private static final String HEADER = "\"txid\",\"ordertxid\",\"pair\",\"time\",\"type\",\"ordertype\",\"price\",\"cost\",\"fee\",\"vol\",\"margin\",\"misc\",\"ledgers\"";
  private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private KrakenTradeEntries() {}

  /** A trade as the API gives it (the key of the trades map is its txid); numbers as Kraken wrote them. */
  public record Trade(String id, String ordertxid, String pair, BigDecimal time, String type, String ordertype, String price, String cost, String fee,
      String vol, String margin, String misc, List<String> ledgers) {
    public Trade {
      ledgers = List.copyOf(ledgers);
    }

    /** The trade as its trades.csv row: the time with four fractional digits (cut, not rounded), as the export writes it. */
    public List<String> cells() {
      long seconds = time.setScale(0, RoundingMode.FLOOR).longValueExact();
      String fraction = time.subtract(BigDecimal.valueOf(seconds)).setScale(4, RoundingMode.DOWN).toPlainString().substring(2);
      String at = CSV_TIME.format(Instant.ofEpochSecond(seconds)) + "." + fraction;
      return List.of(id, ordertxid, pair, at, type, ordertype, price, cost, fee, vol, margin, misc, String.join(",", ledgers));
    }
  }

  /** The trades, oldest first, through the importer; a row it refuses throws naming the trade id and the field. */
  public static List<Transaction> transactions(List<Trade> trades) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (Trade t : trades) {
      List<String> cells = t.cells();
      for (int i = 0; i < cells.size(); i++) {
        csv.append(i == 0 ? "" : ",").append('"').append(cells.get(i).replace("\"", "\"\"")).append('"');
      }
      csv.append('\n');
    }
    List<Transaction> out = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    new KrakenTradeImporter().read("TradesHistory", new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), new StatementSink() {
      @Override
      public void row(StatementRow row) {
        out.add(row.transaction());
      }

      @Override
      public void balance(StatementBalance balance) {
        // a trade history reports no holdings
      }

      @Override
      public void error(StatementError error) {
        // line 1 is the header: line n is the (n-1)th trade
        int index = error.line() - 2;
        String id = index >= 0 && index < trades.size() ? trades.get(index).id() : "line " + error.line();
        refused.add("trade " + id + ": " + (error.field() == null ? "" : error.field() + " ") + error.reason());
      }
    });
    if (!refused.isEmpty()) {
      throw new IllegalArgumentException(refused.get(0));
    }
    return out;
  }
}
