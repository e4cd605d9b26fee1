package dev.ballast.adapters.kraken;

import dev.ballast.adapters.statement.RowCells;
import dev.ballast.adapters.statement.kraken.KrakenAssets;
import dev.ballast.adapters.statement.kraken.KrakenLedgerImporter;
import dev.ballast.adapters.statement.kraken.KrakenMapping;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kraken's ledger entries of the REST API as ledger values: each entry is written as its
 * ledgers.csv row and mapped by the statement importer's own {@link KrakenMapping}, with the
 * importer's source and ids, so an entry from the API and its row from the file are one transaction.
 */
public final class KrakenLedgerEntries {
  private static final Map<String, Integer> COLUMNS = Map.of("txid", 0, "refid", 1, "time", 2, "type", 3, "subtype", 4, "aclass", 5,
      "asset", 6, "amount", 7, "fee", 8, "balance", 9);
  private static final Set<String> TRADE_TYPES = Set.of("trade", "spend", "receive");
  private static final java.time.format.DateTimeFormatter CSV_TIME =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

  private KrakenLedgerEntries() {}

  /** The canonical asset of a Kraken balance code (staked and earn balances as their asset). */
  public static String canonical(String code) {
    return KrakenAssets.canonical(code);
  }

  /** A ledger entry as the API gives it (the key of the ledger map is its id). */
  public record Entry(String id, String refid, BigDecimal time, String type, String subtype, String aclass, String asset, String amount, String fee,
      String balance) {
    public boolean tradeLeg() {
      return TRADE_TYPES.contains(type.toLowerCase(java.util.Locale.ROOT));
    }

    /** The entry as its ledgers.csv row: the time in whole seconds, as the export writes it. */
    public List<String> cells() {
      String at = CSV_TIME.format(java.time.Instant.ofEpochSecond(time.longValue()));
      return java.util.Arrays.asList(id, refid, at, type, subtype, aclass, asset, amount, fee, balance);
    }
  }

  /** The entries, oldest first, through the importer's mapping; a row it refuses throws naming the ledger id and the field. */
  public static List<Transaction> transactions(List<Entry> entries) {
    Map<String, KrakenMapping.Leg> pending = new LinkedHashMap<>();
    Map<String, BigDecimal> balances = new HashMap<>();
    List<Transaction> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      RowCells c = new RowCells(i + 1, COLUMNS, e.cells());
      List<KrakenMapping.Mapped> mapped = KrakenMapping.row(c, pending, balances);
      if (!c.ok()) {
        var p = c.problems().get(0);
        throw new IllegalArgumentException("ledger entry " + e.id() + ": " + p.field() + " " + p.reason());
      }
      for (KrakenMapping.Mapped m : mapped) {
        Transaction tx = m.transaction();
        out.add(new Transaction(tx.type(), tx.timestamp(), tx.asset(), tx.quantity(), tx.price(), tx.amount(), tx.fee(), tx.tax(), tx.fxRate(),
            tx.transferId(), tx.splitRatio(), KrakenLedgerImporter.SOURCE, m.externalId(), tx.note()));
      }
    }
    return out;
  }

}
