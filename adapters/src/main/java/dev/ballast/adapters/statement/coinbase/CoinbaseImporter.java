package dev.ballast.adapters.statement.coinbase;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coinbase transaction history (Statements › Transaction history): the current layout with its
 * {@code ID} column and the older ones (v1 to v3, with their disclaimer), each after its preamble;
 * the header row is found by its first cells, not its line number.
 */
public final class CoinbaseImporter implements StatementImporter {
  public static final String NAME = "coinbase-transactions";
  public static final String SOURCE = "coinbase";
  static final String CURRENT = "ID,Timestamp,Transaction Type,Asset,Quantity Transacted";
  static final String LEGACY = "Timestamp,Transaction Type,Asset,Quantity Transacted";
  /** Lines a preamble may take before the header. */
  private static final int MAX_PREAMBLE = 12;
  private static final StatementFormat FORMAT = new StatementFormat(NAME,
      "UTF-8 CSV, Coinbase transaction history: a preamble (Transactions, User, ...), then the header " + CURRENT
          + ",Price Currency,Price at Transaction,Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes[,...] "
          + "or the older " + LEGACY + ",Spot Price Currency,...");

  @Override
  public StatementFormat format() {
    return FORMAT;
  }

  @Override
  public boolean recognises(byte[] head) {
    return HeadText.decode(head, StandardCharsets.UTF_8).map(text -> {
      String[] lines = HeadText.lines(text);
      for (int i = 0; i < Math.min(lines.length, MAX_PREAMBLE + 1); i++) {
        if (isHeader(List.of(lines[i].replace("\"", "").split(",", -1)))) {
          return true;
        }
      }
      return false;
    }).orElse(false);
  }

  static boolean isHeader(List<String> cells) {
    String joined = String.join(",", cells.stream().map(String::strip).toList());
    return joined.startsWith(CURRENT + ",") || joined.startsWith(LEGACY + ",");
  }

  @Override
  public void read(String file, InputStream content, StatementSink sink) {
    RowFingerprint fingerprint = new RowFingerprint();
    CoinbaseMapping.Columns[] columns = {null};
    int[] width = {0};
    int[] seen = {0};
    boolean completed = CsvStatementReader.read(CsvStatementReader.reader(content, StandardCharsets.UTF_8), 0, StandardCharsets.UTF_8, ',', sink,
        record -> {
          if (columns[0] == null) {
            List<String> cells = record.cells().stream().map(s -> s.replace("\uFEFF", "")).toList();
            if (isHeader(cells)) {
              Map<String, Integer> byName = new HashMap<>();
              for (int i = 0; i < cells.size(); i++) {
                byName.putIfAbsent(cells.get(i).strip(), i);
              }
              columns[0] = CoinbaseMapping.Columns.of(byName);
              width[0] = cells.size();
              if (columns[0] == null) {
                sink.error(new StatementError.WrongFormat(FORMAT.expects(), "the header " + Cells.shorten(String.join(",", cells))));
                return false;
              }
              return true;
            }
            if (++seen[0] > MAX_PREAMBLE) {
              sink.error(new StatementError.WrongFormat(FORMAT.expects(), "no header in the first " + MAX_PREAMBLE + " lines"));
              return false;
            }
            return true;
          }
          if (record.isBlank()) {
            return true;
          }
          if (record.cells().size() != width[0]) {
            sink.error(new StatementError.InvalidRow(record.line(), null, record.cells().size() + " columns, expected " + width[0]));
            return true;
          }
          RowCells c = new RowCells(record.line(), columns[0].byName(), record.cells());
          Transaction tx = CoinbaseMapping.transaction(c, columns[0]);
          if (!c.ok() || tx == null) {
            c.problems().forEach(sink::error);
            return true;
          }
          String id = c.text("ID") != null ? c.text("ID") : fingerprint.externalId(tx);
          sink.row(StatementRow.of(record.line(), new Transaction(tx.type(), tx.timestamp(), tx.asset(), tx.quantity(), tx.price(), tx.amount(),
              tx.fee(), tx.tax(), tx.fxRate(), tx.transferId(), tx.splitRatio(), SOURCE, id, tx.note())));
          return true;
        });
    if (completed && columns[0] == null && seen[0] <= MAX_PREAMBLE) {
      sink.error(new StatementError.UnreadableFile(0, "no header, expected " + FORMAT.expects()));
    }
  }
}
