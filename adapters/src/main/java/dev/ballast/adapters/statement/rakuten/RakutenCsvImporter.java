package dev.ballast.adapters.statement.rakuten;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of Rakuten's trade-history exports: CP932, one exact header line (its brackets
 * matter), then one quoted row per trade. A subclass maps a row to its transactions.
 */
abstract class RakutenCsvImporter implements StatementImporter {
  private final StatementFormat format;
  private final String source;
  private final List<String> header;

  RakutenCsvImporter(String name, String description, String source, List<String> header) {
    this.format = new StatementFormat(name, "CP932 CSV, " + description + ", with the header " + String.join(",", header));
    this.source = source;
    this.header = List.copyOf(header);
  }

  @Override
  public StatementFormat format() {
    return format;
  }

  @Override
  public boolean recognises(byte[] head) {
    return HeadText.decode(head, RakutenCells.CP932)
        .map(text -> HeadText.lines(text)[0].replace("\"", "").equals(String.join(",", header)))
        .orElse(false);
  }

  @Override
  public void read(String file, InputStream content, StatementSink sink) {
    RowFingerprint fingerprint = new RowFingerprint();
    boolean[] headerSeen = {false};
    boolean completed = CsvStatementReader.read(CsvStatementReader.reader(content, RakutenCells.CP932), 0, RakutenCells.CP932, ',', sink,
        record -> {
          if (!headerSeen[0]) {
            if (!record.cells().equals(header)) {
              sink.error(new StatementError.WrongFormat(format.expects(), "the header " + Cells.shorten(String.join(",", record.cells()))));
              return false;
            }
            headerSeen[0] = true;
            return true;
          }
          if (record.isBlank()) {
            return true;
          }
          if (record.cells().size() != header.size()) {
            sink.error(new StatementError.InvalidRow(record.line(), null, record.cells().size() + " columns, expected " + header.size()));
            return true;
          }
          Map<String, String> cells = new HashMap<>();
          for (int i = 0; i < header.size(); i++) {
            cells.put(header.get(i), record.cells().get(i));
          }
          RakutenRow row = new RakutenRow(record.line(), cells);
          RakutenCells.Problems problems = new RakutenCells.Problems(record.line());
          Mapped mapped = map(row, problems);
          if (!problems.ok()) {
            problems.list.forEach(sink::error);
            return true;
          }
          String id = fingerprint.externalId(mapped.transactions().get(0));
          for (int i = 0; i < mapped.transactions().size(); i++) {
            Transaction tx = mapped.transactions().get(i);
            String suffix = mapped.suffixes().get(i);
            sink.row(new StatementRow(record.line(), withRef(tx, source, suffix.isEmpty() ? id : id + "-" + suffix), mapped.wrapper()));
          }
          return true;
        });
    if (completed && !headerSeen[0]) {
      sink.error(new StatementError.UnreadableFile(0, "empty file, expected " + format.expects()));
    }
  }

  /** The transactions of one row (several for a reinvested distribution), each with the suffix of its external id. */
  record Mapped(List<Transaction> transactions, List<String> suffixes, dev.ballast.engine.model.TaxWrapper wrapper) {
    static Mapped one(Transaction tx, dev.ballast.engine.model.TaxWrapper wrapper) {
      return new Mapped(List.of(tx), List.of(""), wrapper);
    }
  }

  /** Maps a row, adding every problem to {@code problems}; what it returns is ignored when there are problems. */
  abstract Mapped map(RakutenRow row, RakutenCells.Problems problems);

  static Transaction withRef(Transaction tx, String source, String externalId) {
    return new Transaction(tx.type(), tx.timestamp(), tx.asset(), tx.quantity(), tx.price(), tx.amount(), tx.fee(), tx.tax(), tx.fxRate(),
        tx.transferId() == null && (tx.type() == dev.ballast.engine.model.TransactionType.TRANSFER_IN
            || tx.type() == dev.ballast.engine.model.TransactionType.TRANSFER_OUT) ? source + ":" + externalId : tx.transferId(),
        tx.splitRatio(), source, externalId, tx.note());
  }
}
