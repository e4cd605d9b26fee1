package dev.ballast.persistence.journal;

import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.persistence.testing.EntityCalls.open;
import static dev.ballast.persistence.testing.EntityCalls.record;
import static dev.ballast.persistence.testing.EntityCalls.report;
import static dev.ballast.persistence.testing.EntityCalls.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.testing.PekkoTestSystems;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How events land in the journal, whichever DAO writes them (on PostgreSQL, {@link BatchedJournalDao}):
 * orderings rising with the sequence numbers, one tag row per event, and the plugin's own reads (by
 * tag, by entity, recovery) seeing exactly what was written.
 */
abstract class JournalWriteContract {
  static final AccountId BIG = AccountId.of("big");
  static final AccountId SMALL = AccountId.of("small");

  @TempDir Path dir;
  private DatabaseSettings settings;
  private Database database;
  private ActorTestKit kit;

  abstract TestBackend backend();

  @BeforeEach
  void start() {
    settings = backend().newDatabase(dir);
    database = Database.open(settings);
    database.migrate();
    kit = PekkoTestSystems.testKit("journal-write", settings);
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
    database.close();
  }

  /** The DAO this database's journal is configured with. */
  protected String configuredDao() {
    return kit.system().settings().config().getString("jdbc-journal.dao");
  }

  @Test
  void aLargeBatchLandsWithRisingOrderingsOneTagEachAndReadsBackThroughThePlugin() throws Exception {
    ActorRef<AccountLedger.Command> big = ledger(BIG);
    ActorRef<AccountLedger.Command> small = ledger(SMALL);
    // more events in one write than one multi-row statement holds, and not a multiple of it: a balance report that
    // differs from the ledger in every asset is the report and a discrepancy per asset
    int written = 2 * BatchedJournalDao.ROWS_PER_STATEMENT + 201;
    java.util.Map<dev.ballast.engine.model.AssetId, java.math.BigDecimal> balances = new java.util.TreeMap<>();
    for (int k = 0; k < written - 1; k++) {
      balances.put(dev.ballast.engine.model.AssetId.of("A" + k), java.math.BigDecimal.ONE);
    }
    assertEquals(written - 1, report(kit, big, "venue", at(-8), balances).discrepancies().size());
    // a batch of rows is one event per AccountLedger.ROWS_PER_EVENT rows, in one write
    int rows = 10 * AccountLedger.ROWS_PER_EVENT + 1;
    record(kit, big, batch("a", rows));
    record(kit, small, batch("s", 1));
    record(kit, big, batch("b", 3));
    String pid = AccountLedger.persistenceId(BIG).id();
    String tag = Fixtures.SLICES.tag(AccountLedger.TAG, BIG.value());

    List<long[]> journal = database.inTransaction(c -> {
      List<long[]> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT j.\"sequence_number\", j.\"ordering\", COUNT(t.\"tag\")"
          + " FROM \"event_journal\" j LEFT JOIN \"event_tag\" t ON t.\"event_id\" = j.\"ordering\""
          + " WHERE j.\"persistence_id\" = ? GROUP BY j.\"sequence_number\", j.\"ordering\" ORDER BY j.\"sequence_number\"")) {
        ps.setString(1, pid);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
          }
        }
      }
      return out;
    });
    int events = 1 + written + 11 + 1;
    assertEquals(events, journal.size());
    for (int i = 0; i < journal.size(); i++) {
      assertEquals(i + 1, journal.get(i)[0], "sequence numbers without a gap");
      assertEquals(1, journal.get(i)[2], "one tag row for event " + (i + 1));
      if (i > 0) {
        assertEquals(true, journal.get(i)[1] > journal.get(i - 1)[1], "orderings rise with the sequence numbers at event " + (i + 1));
      }
    }

    JdbcReadJournal plugin = PersistenceQuery.get(kit.system()).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    List<String> byTag = plugin.currentEventsByTag(tag, Offset.noOffset())
        .filter(e -> e.persistenceId().equals(pid))
        .map(e -> e.persistenceId() + "#" + e.sequenceNr())
        .runWith(Sink.seq(), kit.system()).toCompletableFuture().get(60, TimeUnit.SECONDS);
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= events; i++) {
      expected.add(pid + "#" + i);
    }
    assertEquals(expected, byTag, "the slice's tag query gives every event of the account once, in order");

    AccountLedger.OpenAccount live = state(kit, big);
    assertEquals(rows + 3, live.transactions());
    kit.stop(big, Duration.ofSeconds(10));
    ActorRef<AccountLedger.Command> recovered = kit.spawn(AccountLedger.create(BIG, Fixtures.ledgerSettings()));
    assertEquals(live, state(kit, recovered), "recovery reads back the state that was written");
  }

  private ActorRef<AccountLedger.Command> ledger(AccountId id) {
    ActorRef<AccountLedger.Command> ref = kit.spawn(AccountLedger.create(id, Fixtures.ledgerSettings()));
    open(kit, ref, Fixtures.spec());
    return ref;
  }

  private static Transaction[] batch(String prefix, int size) {
    Transaction[] txs = new Transaction[size];
    for (int k = 0; k < size; k++) {
      txs[k] = deposit(at(-9), prefix + "-" + k, "1", "JPY");
    }
    return txs;
  }
}
