package dev.ballast.adapters.statement.kraken;

import dev.ballast.adapters.statement.NamedColumnsCsv;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementFormat;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementRow;
import dev.ballast.engine.statement.StatementSink;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kraken's ledgers.csv (History › Export › Ledgers) in every header variant: with or without
 * {@code wallet}, {@code subclass}, {@code amountusd} and a trailing empty column. The two rows of
 * a trade (one refid) become one trade; pending and failed rows (no txid) are skipped, as Kraken
 * writes a deposit again once it is credited; each row's balance is checked against the one
 * before it of the same asset, so a damaged amount is caught.
 */
public final class KrakenLedgerImporter implements StatementImporter {
  public static final String NAME = "kraken-ledgers";
  public static final String SOURCE = "kraken";
  static final List<String> REQUIRED = List.of("txid", "refid", "time", "type", "subtype", "aclass", "asset", "amount", "fee", "balance");
  private static final StatementFormat FORMAT = new StatementFormat(NAME,
      "UTF-8 CSV, Kraken ledgers.csv, with the header \"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"asset\",[\"wallet\",]"
          + "\"amount\",\"fee\",\"balance\" (or a variant with subclass, wallet, amountusd)");

  @Override
  public StatementFormat format() {
    return FORMAT;
  }

  @Override
  public boolean recognises(byte[] head) {
    return NamedColumnsCsv.recognises(head, REQUIRED, 6);
  }

  /** The columns of a header by name; null when it is not one. */
  static Map<String, Integer> header(List<String> cells) {
    return NamedColumnsCsv.header(cells, REQUIRED, 6);
  }

  @Override
  public void read(String file, InputStream content, StatementSink sink) {
    Map<String, KrakenMapping.Leg> pending = new LinkedHashMap<>();
    Map<String, BigDecimal> balances = new HashMap<>();
    boolean completed = NamedColumnsCsv.read(content, StandardCharsets.UTF_8, FORMAT, KrakenLedgerImporter::header, sink, c -> {
      List<KrakenMapping.Mapped> mapped = KrakenMapping.row(c, pending, balances);
      if (!c.ok()) {
        c.problems().forEach(sink::error);
      } else {
        mapped.forEach(m -> sink.row(row(m)));
      }
    });
    if (completed) {
      pending.values().forEach(leg -> sink.error(new StatementError.InvalidRow(leg.line(), "refid",
          "the other row of trade " + leg.refid() + " is not in the file (a file cut between the two rows of a trade?)")));
    }
  }

  private static StatementRow row(KrakenMapping.Mapped m) {
    Transaction tx = m.transaction();
    return StatementRow.of(m.line(), new Transaction(tx.type(), tx.timestamp(), tx.asset(), tx.quantity(), tx.price(), tx.amount(), tx.fee(),
        tx.tax(), tx.fxRate(), tx.transferId(), tx.splitRatio(), SOURCE, m.externalId(), tx.note()));
  }
}
