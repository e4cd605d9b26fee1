package dev.ballast.adapters.statement.binance;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.adapters.statement.CsvStatementReader;
import dev.ballast.adapters.statement.HeadText;
import dev.ballast.adapters.statement.RowCells;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.RowFingerprint;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementFormat;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementRow;
import dev.ballast.engine.statement.StatementSink;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binance's transaction history statement (Wallet › Transaction History › Generate all
 * statements): one row per balance change. The legs of a trade (same time and account, one after
 * the other) become one trade with its fees; deposits, withdrawals and income stay their own
 * types; moves between the user's own Binance wallets (Spot, Funding, Earn) change no holding and
 * are left out. The file has no ids, so each transaction's id is its fingerprint.
 */
public final class BinanceStatementImporter implements StatementImporter {
  public static final String NAME = "binance-statement";
  static final List<String> HEADER = List.of("User_ID", "UTC_Time", "Account", "Operation", "Coin", "Change", "Remark");
  static final List<String> NEWER = List.of("User ID", "Time", "Account", "Operation", "Coin", "Change", "Remark");
  private static final StatementFormat FORMAT = new StatementFormat(NAME,
      "UTF-8 CSV, Binance transaction history, with the header " + String.join(",", HEADER) + " (or without User_ID, or "
          + String.join(",", NEWER) + ")");

  @Override
  public StatementFormat format() {
    return FORMAT;
  }

  @Override
  public boolean recognises(byte[] head) {
    return HeadText.decode(head, StandardCharsets.UTF_8).map(t -> columns(List.of(HeadText.lines(t)[0].replace("\"", "").split(",", -1))) != null)
        .orElse(false);
  }

  /** The columns of a statement header by name (the time column as UTC_Time); null when it is not one. */
  static Map<String, Integer> columns(List<String> cells) {
    List<String> names = cells.stream().map(s -> s.strip().replace("\uFEFF", "")).toList();
    if (!names.equals(HEADER) && !names.equals(HEADER.subList(1, HEADER.size())) && !names.equals(NEWER)) {
      return null;
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      columns.put(names.get(i).equals("Time") ? "UTC_Time" : names.get(i).equals("User ID") ? "User_ID" : names.get(i), i);
    }
    return columns;
  }

  @Override
  public void read(String file, InputStream content, StatementSink sink) {
    RowFingerprint fingerprint = new RowFingerprint();
    Map<String, Integer>[] columns = newColumns();
    int[] width = {0};
    List<BinanceStatementMapping.Leg> group = new ArrayList<>();
    boolean completed = CsvStatementReader.read(CsvStatementReader.reader(content, StandardCharsets.UTF_8), 0, StandardCharsets.UTF_8, ',', sink,
        record -> {
          if (columns[0] == null) {
            columns[0] = columns(record.cells());
            if (columns[0] == null) {
              sink.error(new StatementError.WrongFormat(FORMAT.expects(), "the header " + Cells.shorten(String.join(",", record.cells()))));
              return false;
            }
            width[0] = record.cells().size();
            return true;
          }
          if (record.isBlank()) {
            return true;
          }
          if (record.cells().size() != width[0]) {
            sink.error(new StatementError.InvalidRow(record.line(), null, record.cells().size() + " columns, expected " + width[0]));
            return true;
          }
          RowCells c = new RowCells(record.line(), columns[0], record.cells());
          BinanceStatementMapping.Leg leg = BinanceStatementMapping.leg(c);
          if (!c.ok()) {
            flush(group, sink, fingerprint); // errors in file order
            c.problems().forEach(sink::error);
            return true;
          }
          if (!group.isEmpty() && (leg == null || !leg.sameTradeAs(group.get(0)))) {
            flush(group, sink, fingerprint);
          }
          if (leg == null) {
            return true; // a move between the user's own wallets
          }
          group.add(leg);
          if (!leg.tradeLeg()) {
            flush(group, sink, fingerprint);
          }
          return true;
        });
    if (!completed) {
      return;
    }
    if (columns[0] == null) {
      sink.error(new StatementError.UnreadableFile(0, "empty file, expected " + FORMAT.expects()));
      return;
    }
    flush(group, sink, fingerprint);
  }

  private static void flush(List<BinanceStatementMapping.Leg> group, StatementSink sink, RowFingerprint fingerprint) {
    if (group.isEmpty()) {
      return;
    }
    List<StatementError.InvalidRow> errors = new ArrayList<>();
    List<Transaction> txs = BinanceStatementMapping.transactions(group, errors);
    int line = group.get(0).line();
    group.clear();
    if (!errors.isEmpty()) {
      errors.forEach(sink::error);
      return;
    }
    for (Transaction tx : txs) {
      sink.row(StatementRow.of(line, new Transaction(tx.type(), tx.timestamp(), tx.asset(), tx.quantity(), tx.price(), tx.amount(), tx.fee(),
          tx.tax(), tx.fxRate(), tx.transferId(), tx.splitRatio(), BinanceTradeImporter.SOURCE, fingerprint.externalId(tx), tx.note())));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Integer>[] newColumns() {
    return new Map[1];
  }
}
