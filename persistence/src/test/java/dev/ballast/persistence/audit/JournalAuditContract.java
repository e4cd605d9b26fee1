package dev.ballast.persistence.audit;

import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.persistence.testing.EntityCalls.change;
import static dev.ballast.persistence.testing.EntityCalls.open;
import static dev.ballast.persistence.testing.EntityCalls.record;
import static dev.ballast.persistence.testing.EntityCalls.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.readside.JdbcReadSideRepository;
import dev.ballast.persistence.readside.ReadSideProjections;
import dev.ballast.persistence.readside.ReadSideSettings;
import dev.ballast.persistence.readside.SliceCount;
import dev.ballast.persistence.readside.ReadSideStatus;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.ReadSideAwait;
import dev.ballast.persistence.testing.PekkoTestSystems;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit over a journal written by real entities: log, state as of an instant, verify. */
abstract class JournalAuditContract {
  static final Duration CATCH_UP = Duration.ofSeconds(30);
  static final AccountId ACCOUNT = AccountId.of("acc-1");
  static final EntityRef ACCOUNT_REF = EntityRef.parse("account:acc-1");

  @TempDir Path dir;
  private Database database;
  private BallastQueries queries;
  private ActorTestKit kit;
  private JournalAudit audit;

  abstract TestBackend backend();

  @BeforeEach
  void start() {
    DatabaseSettings settings = backend().newDatabase(dir);
    database = Database.open(settings);
    database.migrate();
    queries = new BallastQueries(database);
    kit = PekkoTestSystems.testKit("audit", settings);
    ReadSideProjections.createOffsetTables(kit.system(), database);
    SliceCount.fix(database, Fixtures.SLICES.count());
    audit = new JournalAudit(kit.system(), database);
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
    database.close();
  }

  @Test
  void logListsTheEventsInOrderAndStateIsRebuiltFromThemAsOfAnInstant() {
    Instant started = Instant.now();
    ActorRef<AccountLedger.Command> ledger = kit.spawn(AccountLedger.create(ACCOUNT, Fixtures.ledgerSettings()));
    open(kit, ledger, Fixtures.spec());
    record(kit, ledger, deposit(at(-9), "d1", "1000000", "JPY"), buy(at(-8), "b1", "0.5", "BTC", "9000000", "JPY"));
    Instant afterFirstBatch = audit.log(ACCOUNT_REF).get(1).writtenAt();
    // the journal stamps events in milliseconds: let the clock move on before the next batch
    Eventually.await(Duration.ofSeconds(5), () -> Instant.now().isAfter(afterFirstBatch.plusMillis(2)), () -> "clock stuck");
    record(kit, ledger, sell(at(-7), "s1", "0.1", "BTC", "9500000", "JPY"), buy(at(-6), "b2", "2", "ETH", "300000", "JPY"));

    List<AuditRecord> log = audit.log(ACCOUNT_REF);
    // a batch of two rows is one event
    assertEquals(List.of(1L, 2L, 3L), log.stream().map(AuditRecord::sequenceNr).toList());
    assertEquals(List.of("AccountOpened", "TransactionsRecorded", "TransactionsRecorded"),
        log.stream().map(AuditRecord::eventType).toList());
    assertEquals(List.of("acc-1/1", "acc-1/2", "acc-1/3", "acc-1/4"), log.stream().skip(1)
        .flatMap(r -> ((AccountLedger.TransactionsRecorded) r.event()).rows().stream())
        .map(AccountLedger.TransactionsRecorded.Row::transactionId).toList());
    assertTrue(log.stream().allMatch(r -> r.persistenceId().equals("AccountLedger|acc-1")));
    assertTrue(!log.get(0).writtenAt().isBefore(started.minusSeconds(1)) && !log.get(2).writtenAt().isAfter(Instant.now()),
        "events are stamped with the time they were written: " + log.get(0).writtenAt());

    RebuiltState full = audit.state(ACCOUNT_REF, null);
    assertEquals(3, full.eventsApplied());
    assertEquals(3, full.lastSequenceNr());
    assertEquals("account:acc-1", full.entity());
    AccountLedger.OpenAccount live = state(kit, ledger);
    assertEquals(live, full.state(), "the state rebuilt from events is the entity's state");
    assertEquals(audit.sha256(live), full.sha256());
    assertEquals(full.sha256(), audit.state(ACCOUNT_REF, null).sha256(), "the hash is stable");
    assertTrue(full.sha256().matches("[0-9a-f]{64}"), full.sha256());

    RebuiltState asOf = audit.state(ACCOUNT_REF, afterFirstBatch);
    assertEquals(2, asOf.eventsApplied());
    assertEquals(2, asOf.lastSequenceNr());
    assertEquals(2, ((AccountLedger.OpenAccount) asOf.state()).transactions());
    assertNotEquals(full.sha256(), asOf.sha256());
    assertEquals(0, audit.state(ACCOUNT_REF, started.minusSeconds(60)).eventsApplied(), "nothing before the first event");

    record(kit, ledger, deposit(at(-5), "d2", "1", "JPY"));
    RebuiltState more = audit.state(ACCOUNT_REF, null);
    assertEquals(4, more.eventsApplied());
    assertNotEquals(full.sha256(), more.sha256(), "one more event changes the hash");
    assertEquals(asOf.sha256(), audit.state(ACCOUNT_REF, afterFirstBatch).sha256(), "a past instant keeps its hash");
  }

  @Test
  void logOfAPortfolioAndOfAnUnknownEntity() {
    ActorRef<Portfolio.Command> portfolio = kit.spawn(Portfolio.create(PortfolioId.of("pf-1"), Fixtures.clock(), 100, Fixtures.SLICES));
    change(kit, portfolio, r -> new Portfolio.Create("Main", AssetId.of("JPY"), r));
    change(kit, portfolio, r -> new Portfolio.AttachAccount(ACCOUNT, r));
    EntityRef ref = EntityRef.parse("Portfolio|pf-1");
    assertEquals(List.of("PortfolioCreated", "AccountAttached"), audit.log(ref).stream().map(AuditRecord::eventType).toList());
    Portfolio.Active active = (Portfolio.Active) audit.state(ref, null).state();
    assertEquals(List.of(ACCOUNT), List.copyOf(active.accounts()));
    assertTrue(audit.log(EntityRef.parse("account:nobody")).isEmpty());
    assertEquals(new AccountLedger.NotOpened(), audit.state(EntityRef.parse("account:nobody"), null).state());
  }

  @Test
  void verifyIsCleanWhenTheReadSideCaughtUpAndReportsATamperedRow() {
    ActorRef<AccountLedger.Command> ledger = kit.spawn(AccountLedger.create(ACCOUNT, Fixtures.ledgerSettings()));
    open(kit, ledger, Fixtures.spec());
    record(kit, ledger, deposit(at(-9), "d1", "1000000", "JPY"), buy(at(-8), "b1", "0.5", "BTC", "9000000", "JPY"));
    ActorRef<Portfolio.Command> portfolio = kit.spawn(Portfolio.create(PortfolioId.of("pf-1"), Fixtures.clock(), 100, Fixtures.SLICES));
    change(kit, portfolio, r -> new Portfolio.Create("Main", AssetId.of("JPY"), r));
    change(kit, portfolio, r -> new Portfolio.AttachAccount(ACCOUNT, r));
    startProjections();
    ReadSideAwait.caughtUp(database);

    VerifyReport clean = audit.verify();
    assertEquals(List.of(), clean.mismatches());
    assertTrue(clean.clean());
    assertEquals(2, clean.entities());
    assertEquals(4, clean.events(), "the account's opening and its batch, the portfolio's two events");

    update("UPDATE positions SET quantity = 0.6 WHERE account_id = 'acc-1' AND asset = 'BTC'");
    update("DELETE FROM portfolio_accounts WHERE portfolio_id = 'pf-1'");
    VerifyReport tampered = audit.verify();
    assertTrue(!tampered.clean());
    assertEquals(2, tampered.mismatches().size(), tampered.mismatches().toString());
    assertTrue(tampered.mismatches().get(0).startsWith("account:acc-1: position BTC in the table"), tampered.mismatches().get(0));
    assertTrue(tampered.mismatches().get(1).startsWith("portfolio:pf-1: portfolio_accounts []"), tampered.mismatches().get(1));
  }

  @Test
  void verifyComparesTheLatestSnapshotWithTheEvents() {
    AccountLedger.Settings snapshotOften =
        new AccountLedger.Settings(Fixtures.clock(), Fixtures.knownAsset(), Duration.ofMinutes(10), 2, Fixtures.SLICES,
            Fixtures.ledgerSettings().history());
    ActorRef<AccountLedger.Command> ledger = kit.spawn(AccountLedger.create(ACCOUNT, snapshotOften));
    open(kit, ledger, Fixtures.spec());
    record(kit, ledger, deposit(at(-9), "d1", "1000000", "JPY"), buy(at(-8), "b1", "0.5", "BTC", "9000000", "JPY"));
    record(kit, ledger, sell(at(-7), "s1", "0.1", "BTC", "9500000", "JPY"));
    record(kit, ledger, deposit(at(-6), "d2", "1", "JPY"));
    Eventually.await(CATCH_UP, () -> latestSnapshotSeq() == 4, () -> "latest snapshot at " + latestSnapshotSeq());
    startProjections();
    ReadSideAwait.caughtUp(database);
    assertEquals(List.of(), audit.verify().mismatches(), "a snapshot taken by the entity agrees with its events");

    database.inTransaction(c -> {
      byte[] payload;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT \"snapshot_payload\" FROM \"snapshot\" WHERE \"persistence_id\" = 'AccountLedger|acc-1' AND \"sequence_number\" = 4")) {
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          payload = rs.getBytes(1);
        }
      }
      String text = new String(payload, StandardCharsets.UTF_8);
      assertTrue(text.contains("\"Main exchange\""), "the snapshot is readable JSON: " + text);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE \"snapshot\" SET \"snapshot_payload\" = ? WHERE \"persistence_id\" = 'AccountLedger|acc-1' AND \"sequence_number\" = 4")) {
        ps.setBytes(1, text.replace("\"Main exchange\"", "\"Tampered\"").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, ps.executeUpdate());
      }
      return null;
    });
    List<String> mismatches = audit.verify().mismatches();
    assertEquals(1, mismatches.size(), mismatches.toString());
    assertTrue(mismatches.get(0).startsWith("account:acc-1: state from the snapshot at sequence 4"), mismatches.get(0));
  }

  @Test
  void verifyReportsARecordedDecisionThatTodaysRulesWouldMakeDifferently() {
    ActorRef<AccountLedger.Command> ledger = kit.spawn(AccountLedger.create(ACCOUNT, Fixtures.ledgerSettings()));
    open(kit, ledger, Fixtures.spec());
    record(kit, ledger, deposit(at(-9), "d1", "1000000", "JPY"), buy(at(-8), "b1", "0.5", "BTC", "9000000", "JPY"));
    startProjections();
    ReadSideAwait.caughtUp(database);
    assertEquals(List.of(), audit.verify().mismatches());

    // the buy's recorded step says 0.6 BTC arrived: the journal (and so the entity, the snapshot
    // and the read side, were they rebuilt) now disagrees with what the rules make of the buy
    database.inTransaction(c -> {
      String text;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT \"event_payload\" FROM \"event_journal\" WHERE \"persistence_id\" = 'AccountLedger|acc-1' AND \"sequence_number\" = 2");
          ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        text = new String(rs.getBytes(1), StandardCharsets.UTF_8);
      }
      assertTrue(text.contains("\"units\":0.5"), text);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE \"event_journal\" SET \"event_payload\" = ? WHERE \"persistence_id\" = 'AccountLedger|acc-1' AND \"sequence_number\" = 2")) {
        ps.setBytes(1, text.replace("\"units\":0.5", "\"units\":0.6").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, ps.executeUpdate());
      }
      return null;
    });

    List<String> mismatches = audit.verify().mismatches();
    assertTrue(mismatches.stream().anyMatch(m -> m.startsWith("account:acc-1: today's rules would decide BTC differently")),
        mismatches.toString());
  }

  private void startProjections() {
    ObjectMapper json = JacksonObjectMapperProvider.get(kit.system()).getOrCreate("jackson-json", Optional.empty());
    JdbcReadSideRepository repository = new JdbcReadSideRepository(json);
    ReadSideProjections projections = new ReadSideProjections(kit.system(), database, repository,
        ReadSideSettings.from(kit.system().settings().config()), Fixtures.SLICES, new ReadSideStatus());
    for (int i = 0; i < Fixtures.SLICES.count(); i++) {
      kit.spawn(projections.accountsBehavior(i));
      kit.spawn(projections.portfoliosBehavior(i));
    }
  }

  private long latestSnapshotSeq() {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT MAX(\"sequence_number\") FROM \"snapshot\" WHERE \"persistence_id\" = 'AccountLedger|acc-1'");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private void update(String sql) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        assertEquals(1, ps.executeUpdate(), sql);
      }
      return null;
    });
  }
}
