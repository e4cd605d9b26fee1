package dev.ballast.persistence.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.persistence.auth.ApiTokenRepository;
import dev.ballast.persistence.readside.ReadSideProjections;
import dev.ballast.persistence.testing.PekkoTestSystems;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema is created on the first start and left as it is on every later one. */
abstract class MigrationContract {
  /** The journal (V1) and the journal-write probe's own table (V17_10). */
  static final Set<String> JOURNAL = Set.of("event_journal", "event_tag", "snapshot", "journal_probe", "journal_probe_tag");
  static final Set<String> READ_SIDE = Set.of(
      "accounts", "portfolios", "portfolio_accounts", "transactions", "positions", "realized_lots", "balance_discrepancies",
      "read_side_settings");
  static final Set<String> OTHERS = Set.of("api_tokens", "assets", "flyway_schema_history", "paper_venue_orders",
      "paper_venue_fills", "trading_orders", "trading_fills", "trading_decisions", "feed_backfill_bars", "portfolio_access", "users", "refresh_tokens", "auth_events");
  /** The price store and corporate actions (V10_1, V10_2), the kept value histories (V21_3). */
  static final Set<String> MARKET_DATA = Set.of("price_bars", "fx_rates", "price_coverage", "corporate_actions",
      "market_caps", "crypto_market", "crypto_market_totals", "price_store_version", "kept_value_histories");
  /** The vault and the sync connections (V16_1, V16_2, V16_3). */
  static final Set<String> SYNC = Set.of("account_secrets", "vault_events", "sync_connections");
  /** Durable jobs (V17_1 db-scheduler's table, V17_2 schedules and runs, V17_3 alerts, V17_4 deliveries, V17_5 subscriptions, V17_8 snapshots, V17_9 their revisions). */
  static final Set<String> OPS = Set.of("scheduled_tasks", "ops_jobs", "ops_job_runs", "ops_alerts", "ops_deliveries", "ops_subscriptions",
      "ops_portfolio_snapshots", "ops_portfolio_snapshot_revisions");
  /** The trade annotations' read table (V18_1). */
  static final Set<String> REPORTS = Set.of("trade_annotations");
  /** Backtest runs (V20_1) and their decisions (V20_2). */
  static final Set<String> BACKTEST = Set.of("backtest_runs", "backtest_values", "backtest_fills", "backtest_decisions");
  static final Set<String> OFFSETS = Set.of("pekko_projection_offset_store", "pekko_projection_management");

  @TempDir Path dir;

  abstract TestBackend backend();

  @Test
  void firstMigrationCreatesEveryTableAndASecondChangesNothing() {
    DatabaseSettings settings = backend().newDatabase(dir);
    try (Database database = Database.open(settings)) {
      assertEquals(33, database.migrate(),
          "V1 (journal), V2 (read side), V2.1 (read-side settings), V3 (trade-time order), V10.1 (price store), V10.2"
              + " (corporate actions), V10.3 (market caps), V12.1 (paper venue book), V12.2 (trading read side), V12.3 (feed back-fill"
              + " bars), V13.1 (users), V13.2 (personal tokens), V13.3 (portfolio access), V14.1 (proceeds currency), V16.1 (vault),"
              + " V16.2 (sync connections), V16.3 (sync generation), V17.1 (job scheduler), V17.2 (job runs), V17.3 (alerts), V17.4 (deliveries), V17.5"
              + " (subscriptions), V17.6 (tag index), V17.7 (open alert key), V17.8 (portfolio snapshots), V17.9 (snapshot revisions), V17.10 (journal probe table), V18.1 (trade annotations), V20.1 (backtest runs), V20.2 (backtest decisions) and"
              + " V21.1 (corporate actions per instrument), V21.2 (price store version), V21.3 (kept value histories) run on an empty database");
      TreeMap<String, Set<String>> first = schema(database);
      Set<String> expected = new TreeSet<>(JOURNAL);
      expected.addAll(READ_SIDE);
      expected.addAll(OTHERS);
      expected.addAll(MARKET_DATA);
      expected.addAll(SYNC);
      expected.addAll(OPS);
      expected.addAll(REPORTS);
      expected.addAll(BACKTEST);
      assertEquals(expected, first.keySet());
      Set<String> columns = new TreeSet<>();
      first.get("transactions").forEach(c -> columns.add(c.substring(0, c.indexOf(' '))));
      assertTrue(columns.containsAll(Set.of("transaction_id", "seq", "tx_no", "quantity", "tx_json")), columns.toString());

      assertEquals(0, database.migrate(), "a second migrate on the same database");
      assertEquals(first, schema(database), "tables and columns after the second migrate");
      // Flyway keeps its names in lower case on both (quoted); PostgreSQL also has a row for the created schema
      assertEquals(33, count(database,
          "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL"));
    }
  }

  @Test
  void restartOnAnExistingDatabaseKeepsItsDataAndOffsetTablesAreCreatedOnce() {
    DatabaseSettings settings = backend().newDatabase(dir);
    Instant created = Instant.parse("2026-01-02T03:04:05.123456Z");
    TreeMap<String, Set<String>> before;
    ActorTestKit kit = PekkoTestSystems.testKit("migration", settings);
    try {
      try (Database database = Database.open(settings)) {
        database.migrate();
        ReadSideProjections.createOffsetTables(kit.system(), database);
        ReadSideProjections.createOffsetTables(kit.system(), database);
        new ApiTokenRepository(database).save(new ApiTokenRepository.StoredToken("t1", "admin", "ADMIN", "hash-1", created));
        before = schema(database);
        assertTrue(before.keySet().containsAll(OFFSETS), "offset tables in " + before.keySet());
      }
      // the next start: a new pool on the same database
      try (Database database = Database.open(settings)) {
        assertEquals(0, database.migrate());
        ReadSideProjections.createOffsetTables(kit.system(), database);
        assertEquals(before, schema(database));
        ApiTokenRepository tokens = new ApiTokenRepository(database);
        assertEquals(1, tokens.count());
        assertEquals(created, tokens.findByHash("hash-1").orElseThrow().createdAt());
      }
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** Table name to its columns as "name type", lower-cased (H2 stores unquoted names in upper case). */
  private TreeMap<String, Set<String>> schema(Database database) {
    String schema = backend().schemaOf(database.settings());
    return database.inTransaction(c -> {
      TreeMap<String, Set<String>> out = new TreeMap<>();
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          out.put(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT), new TreeSet<>());
        }
      }
      try (ResultSet rs = meta.getColumns(null, schema, "%", "%")) {
        while (rs.next()) {
          Set<String> columns = out.get(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
          if (columns != null) {
            columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " " + rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT));
          }
        }
      }
      return out;
    });
  }

  static long count(Database database, String sql) {
    return database.inTransaction(c -> {
      try (var ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
