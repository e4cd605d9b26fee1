package dev.ballast.adapters.statement.binance;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.adapters.statement.CsvStatementReader;
import dev.ballast.adapters.statement.HeadText;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.RowFingerprint;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementFormat;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementRow;
import dev.ballast.engine.statement.StatementSink;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Binance spot trade history (Orders › Trade History › Export), UTF-8 with or without a BOM, in the
 * current layout ({@value #HEADER}) or the older one ({@value #OLD_HEADER}). The file has no trade
 * id, so each row's id is its fingerprint.
 */
public final class BinanceTradeImporter implements StatementImporter {
  public static final String NAME = "binance-spot-trades";
  public static final String HEADER = "Date(UTC),Pair,Side,Price,Executed,Amount,Fee";
  public static final String OLD_HEADER = "Date(UTC),Market,Type,Price,Amount,Total,Fee,Fee Coin";
  public static final String SOURCE = "binance";
  private static final StatementFormat FORMAT = new StatementFormat(NAME,
      "UTF-8 CSV, Binance spot trade history, with the header " + HEADER + " (or the older " + OLD_HEADER + ")");

  @Override
  public StatementFormat format() {
    return FORMAT;
  }

  @Override
  public boolean recognises(byte[] head) {
    return HeadText.decode(head, StandardCharsets.UTF_8).map(t -> {
      String first = HeadText.lines(t)[0].strip();
      return first.equals(HEADER) || first.equals(OLD_HEADER);
    }).orElse(false);
  }

  @Override
  public void read(String file, InputStream content, StatementSink sink) {
    RowFingerprint fingerprint = new RowFingerprint();
    int[] layout = {0};
    boolean completed = CsvStatementReader.read(CsvStatementReader.reader(content, StandardCharsets.UTF_8), 0, StandardCharsets.UTF_8, ',', sink,
        record -> {
          if (layout[0] == 0) {
            List<String> cells = record.cells().stream().map(String::strip).toList();
            String joined = String.join(",", cells);
            if (joined.startsWith("\uFEFF")) {
              joined = joined.substring(1);
            }
            layout[0] = joined.equals(HEADER) ? 1 : joined.equals(OLD_HEADER) ? 2 : -1;
            if (layout[0] < 0) {
              sink.error(new StatementError.WrongFormat(FORMAT.expects(), "the header " + Cells.shorten(joined)));
              return false;
            }
            return true;
          }
          if (record.isBlank()) {
            return true;
          }
          int size = layout[0] == 1 ? 7 : 8;
          if (record.cells().size() != size) {
            sink.error(new StatementError.InvalidRow(record.line(), null, record.cells().size() + " columns, expected " + size));
            return true;
          }
          List<String> c = record.cells();
          BinanceMapping.Mapped mapped = layout[0] == 1
              ? BinanceMapping.transaction(new BinanceTradeRow(record.line(), c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6), null),
                  "Pair", "Executed", "Amount")
              : BinanceMapping.transaction(new BinanceTradeRow(record.line(), c.get(0), c.get(1), c.get(2), c.get(3),
                  c.get(4) + marketBase(c.get(1)), c.get(5) + marketQuote(c.get(1)), c.get(6), c.get(7)), "Market", "Amount", "Total");
          if (!mapped.errors().isEmpty()) {
            mapped.errors().forEach(sink::error);
            return true;
          }
          Transaction tx = mapped.transaction();
          String id = fingerprint.externalId(tx);
          sink.row(StatementRow.of(record.line(), new Transaction(tx.type(), tx.timestamp(), tx.asset(), tx.quantity(), tx.price(), tx.amount(),
              tx.fee(), tx.tax(), tx.fxRate(), tx.transferId(), tx.splitRatio(), SOURCE, id, tx.note())));
          return true;
        });
    if (completed && layout[0] == 0) {
      sink.error(new StatementError.UnreadableFile(0, "empty file, expected " + FORMAT.expects()));
    }
  }

  // the older layout writes plain numbers: glue the pair's assets on, so one mapping reads both
  private static String marketBase(String market) {
    String[] pair = BinanceMapping.split(market.strip().toUpperCase(java.util.Locale.ROOT));
    return pair == null ? "" : pair[0];
  }

  private static String marketQuote(String market) {
    String[] pair = BinanceMapping.split(market.strip().toUpperCase(java.util.Locale.ROOT));
    return pair == null ? "" : pair[1];
  }
}
