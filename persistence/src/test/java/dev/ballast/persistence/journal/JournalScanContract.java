package dev.ballast.persistence.journal;

import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.persistence.testing.EntityCalls.change;
import static dev.ballast.persistence.testing.EntityCalls.open;
import static dev.ballast.persistence.testing.EntityCalls.record;
import static dev.ballast.persistence.testing.EntityCalls.report;
import static dev.ballast.persistence.testing.EntityCalls.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.testing.PekkoTestSystems;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The direct journal reader over a journal written by real entities through the plugin, compared with the plugin's own read. */
abstract class JournalScanContract {
  static final AccountId FIRST = AccountId.of("acc-1");
  static final AccountId SECOND = AccountId.of("acc-2");

  @TempDir Path dir;
  private Database database;
  private ActorTestKit kit;
  private JournalScan scan;

  abstract TestBackend backend();

  @BeforeEach
  void start() {
    DatabaseSettings settings = backend().newDatabase(dir);
    database = Database.open(settings);
    database.migrate();
    kit = PekkoTestSystems.testKit("journal-scan", settings);
    scan = JournalScan.of(kit.system(), database);
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
    database.close();
  }

  @Test
  void oneEntityReadsAsThePluginReadsIt() {
    ActorRef<AccountLedger.Command> first = ledger(FIRST);
    record(kit, first, deposit(at(-9), "d1", "1000000", "JPY"), buy(at(-8), "b1", "0.5", "BTC", "9000000", "JPY"));
    record(kit, first, sell(at(-7), "s1", "0.1", "BTC", "9500000", "JPY"));
    ActorRef<AccountLedger.Command> second = ledger(SECOND);
    record(kit, second, deposit(at(-9), "d1", "5", "JPY"));

    String pid = AccountLedger.persistenceId(FIRST).id();
    List<JournalScan.JournalEvent> read = new ArrayList<>();
    assertEquals(3, scan.forEach(pid, read::add));
    assertEquals(pluginRead(pid), read, "the same events, sequence numbers and timestamps as the plugin's read journal");
    assertEquals(List.of(1L, 2L, 3L), read.stream().map(JournalScan.JournalEvent::sequenceNr).toList());
    assertTrue(read.get(0).event() instanceof AccountLedger.AccountOpened, read.get(0).toString());
    assertEquals(List.of("acc-1/1", "acc-1/2"), ((AccountLedger.TransactionsRecorded) read.get(1).event()).rows().stream()
        .map(AccountLedger.TransactionsRecorded.Row::transactionId).toList(), "a batch of two rows is one event");
    assertEquals("acc-1/3", ((AccountLedger.TransactionRecorded) read.get(2).event()).transactionId());

    List<Long> range = new ArrayList<>();
    assertEquals(2, scan.forEach(pid, 2, 3, e -> range.add(e.sequenceNr())));
    assertEquals(List.of(2L, 3L), range);
    assertEquals(0, scan.forEach("AccountLedger|nobody", e -> { throw new AssertionError("no events: " + e); }));
  }

  @Test
  void everyEntityOfATypeComesEntityByEntityAndFoldsToTheLiveState() {
    ActorRef<AccountLedger.Command> second = ledger(SECOND);
    record(kit, second, deposit(at(-9), "d1", "1000000", "JPY"), buy(at(-8), "b1", "0.5", "BTC", "9000000", "JPY"));
    ActorRef<AccountLedger.Command> first = ledger(FIRST);
    record(kit, first, deposit(at(-9), "d1", "7", "JPY"));
    record(kit, second, sell(at(-7), "s1", "0.2", "BTC", "9500000", "JPY"));
    ActorRef<Portfolio.Command> portfolio = kit.spawn(Portfolio.create(PortfolioId.of("pf-1"), Fixtures.clock(), 100, Fixtures.SLICES));
    change(kit, portfolio, r -> new Portfolio.Create("Main", AssetId.of("JPY"), r));
    change(kit, portfolio, r -> new Portfolio.AttachAccount(FIRST, r));

    List<String> order = new ArrayList<>();
    JournalScan.Totals accounts = scan.forEachEntity("AccountLedger", e -> order.add(e.persistenceId() + "#" + e.sequenceNr()));
    assertEquals(new JournalScan.Totals(2, 5), accounts);
    assertEquals(List.of("AccountLedger|acc-1#1", "AccountLedger|acc-1#2",
        "AccountLedger|acc-2#1", "AccountLedger|acc-2#2", "AccountLedger|acc-2#3"), order);
    assertEquals(List.of("AccountLedger|acc-1", "AccountLedger|acc-2"), scan.persistenceIds("AccountLedger"));
    assertEquals(List.of("Portfolio|pf-1"), scan.persistenceIds("Portfolio"));
    assertEquals(new JournalScan.Totals(3, 7), scan.forEachEvent(e -> {}));

    Map<String, AccountLedger.State> rebuilt = new LinkedHashMap<>();
    Map<String, Long> last = new LinkedHashMap<>();
    scan.foldEach("AccountLedger", new JournalScan.EntityFold<AccountLedger.State>() {
      @Override
      public AccountLedger.State start(String persistenceId) {
        return new AccountLedger.NotOpened();
      }

      @Override
      public AccountLedger.State apply(AccountLedger.State state, JournalScan.JournalEvent event) {
        return AccountLedger.applyEvent(state, (AccountLedger.Event) event.event());
      }

      @Override
      public void end(String persistenceId, AccountLedger.State state, long events, long lastSequenceNr) {
        rebuilt.put(persistenceId, state);
        last.put(persistenceId, events * 100 + lastSequenceNr);
      }
    });
    assertEquals(Map.of("AccountLedger|acc-1", state(kit, first), "AccountLedger|acc-2", state(kit, second)), rebuilt);
    assertEquals(Map.of("AccountLedger|acc-1", 202L, "AccountLedger|acc-2", 303L), last, "events and last sequence number per entity");

    List<Object> portfolioEvents = new ArrayList<>();
    assertEquals(new JournalScan.Totals(1, 2), scan.forEachEntity("Portfolio", e -> portfolioEvents.add(e.event())));
    assertTrue(portfolioEvents.get(0) instanceof Portfolio.PortfolioCreated, portfolioEvents.toString());
  }

  @Test
  void deletedRowsAreSkippedAndTheTypeIsMatchedLiterally() {
    ActorRef<AccountLedger.Command> first = ledger(FIRST);
    record(kit, first, deposit(at(-9), "d1", "7", "JPY"));
    record(kit, first, deposit(at(-8), "d2", "8", "JPY"));
    String pid = AccountLedger.persistenceId(FIRST).id();
    update("UPDATE \"event_journal\" SET \"deleted\" = TRUE WHERE \"persistence_id\" = '" + pid + "' AND \"sequence_number\" = 1");
    // copies of the account's rows under types that differ from "Account_Ledger" only where LIKE would see a wildcard
    for (String copy : List.of("Account_Ledger|x", "AccountXLedger|x")) {
      update("INSERT INTO \"event_journal\" (\"persistence_id\", \"sequence_number\", \"deleted\", \"writer\", \"write_timestamp\","
          + " \"adapter_manifest\", \"event_payload\", \"event_ser_id\", \"event_ser_manifest\")"
          + " SELECT '" + copy + "', \"sequence_number\", FALSE, \"writer\", \"write_timestamp\", \"adapter_manifest\", \"event_payload\","
          + " \"event_ser_id\", \"event_ser_manifest\" FROM \"event_journal\" WHERE \"persistence_id\" = '" + pid + "'");
    }

    List<Long> seqs = new ArrayList<>();
    assertEquals(2, scan.forEach(pid, e -> seqs.add(e.sequenceNr())));
    assertEquals(List.of(2L, 3L), seqs, "the row marked deleted is not read");
    List<String> pids = new ArrayList<>();
    assertEquals(new JournalScan.Totals(1, 3), scan.forEachEntity("Account_Ledger", e -> pids.add(e.persistenceId())));
    assertEquals(List.of("Account_Ledger|x", "Account_Ledger|x", "Account_Ledger|x"), pids);
    assertEquals(List.of("AccountLedger|acc-1"), scan.persistenceIds("AccountLedger"));
    assertThrows(IllegalArgumentException.class, () -> scan.forEachEntity("AccountLedger|acc-1", e -> {}));
  }

  @Test
  void aLongJournalStreamsInSmallFetchesInOrder() {
    ActorRef<AccountLedger.Command> first = ledger(FIRST);
    ActorRef<AccountLedger.Command> second = ledger(SECOND);
    int batches = 15;
    for (int b = 0; b < batches; b++) {
      record(kit, first, batch(b, 100));
      record(kit, second, batch(b, 100));
    }
    // a batch of rows is one event: a balance report that differs in every asset makes the journal long (the report and
    // a discrepancy per asset)
    int reported = 1_000;
    report(kit, first, "venue", at(-1), differing(reported - 1));
    report(kit, second, "venue", at(-1), differing(reported - 1));
    long perEntity = 1 + batches + reported;
    for (int decoders : new int[] {0, 1, 3}) {
      JournalScan small = new JournalScan(database, SerializationExtension.get(kit.system()), "event_journal", 7, decoders);
      long[] previous = {0};
      String[] entity = {""};
      Thread caller = Thread.currentThread();
      JournalScan.Totals totals = small.forEachEntity("AccountLedger", e -> {
        assertEquals(caller, Thread.currentThread(), "the consumer runs on the calling thread");
        if (!e.persistenceId().equals(entity[0])) {
          entity[0] = e.persistenceId();
          previous[0] = 0;
        }
        assertEquals(previous[0] + 1, e.sequenceNr(), "no gap and no repeat at " + e + " with " + decoders + " decoders");
        previous[0] = e.sequenceNr();
      });
      assertEquals(new JournalScan.Totals(2, 2 * perEntity), totals);
      assertEquals("AccountLedger|acc-2", entity[0]);
      assertEquals(perEntity, previous[0]);
    }
  }

  @Test
  void anUnreadablePayloadNamesTheEntityAndTheSequenceNumber() {
    ActorRef<AccountLedger.Command> first = ledger(FIRST);
    // more than one decoding block of events: the failure surfaces from a decoder thread too
    report(kit, first, "venue", at(-1), differing(600));
    String pid = AccountLedger.persistenceId(FIRST).id();
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE \"event_journal\" SET \"event_payload\" = ? WHERE \"persistence_id\" = ? AND \"sequence_number\" = 2")) {
        ps.setBytes(1, "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ps.setString(2, pid);
        assertEquals(1, ps.executeUpdate());
      }
      return null;
    });
    for (int decoders : new int[] {0, 2}) {
      JournalScan withDecoders = new JournalScan(database, SerializationExtension.get(kit.system()), "event_journal", 100, decoders);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> withDecoders.forEach(pid, ev -> {}));
      assertTrue(e.getMessage().startsWith("event 2 of AccountLedger|acc-1 "), e.getMessage());
    }
  }

  private ActorRef<AccountLedger.Command> ledger(AccountId id) {
    ActorRef<AccountLedger.Command> ref = kit.spawn(AccountLedger.create(id, Fixtures.ledgerSettings()));
    open(kit, ref, Fixtures.spec());
    return ref;
  }

  /** Balances of {@code assets} assets the ledger does not hold: each is a discrepancy event. */
  private static Map<AssetId, java.math.BigDecimal> differing(int assets) {
    Map<AssetId, java.math.BigDecimal> balances = new java.util.TreeMap<>();
    for (int k = 0; k < assets; k++) {
      balances.put(AssetId.of("A" + k), java.math.BigDecimal.ONE);
    }
    return balances;
  }

  private static Transaction[] batch(int b, int size) {
    Transaction[] txs = new Transaction[size];
    for (int k = 0; k < size; k++) {
      txs[k] = deposit(at(-9), "d" + b + "-" + k, "1", "JPY");
    }
    return txs;
  }

  private List<JournalScan.JournalEvent> pluginRead(String pid) {
    JdbcReadJournal journal = PersistenceQuery.get(kit.system()).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    try {
      return journal.currentEventsByPersistenceId(pid, 0L, Long.MAX_VALUE)
          .map(e -> new JournalScan.JournalEvent(e.persistenceId(), e.sequenceNr(), e.timestamp(), e.event()))
          .runWith(Sink.seq(), kit.system())
          .toCompletableFuture().get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the plugin's read failed", e);
    }
  }

  private void update(String sql) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        assertTrue(ps.executeUpdate() > 0, sql);
      }
      return null;
    });
  }
}
