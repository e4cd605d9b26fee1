package dev.ballast.persistence.readside;

import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.persistence.testing.EntityCalls.ask;
import static dev.ballast.persistence.testing.EntityCalls.change;
import static dev.ballast.persistence.testing.EntityCalls.open;
import static dev.ballast.persistence.testing.EntityCalls.record;
import static dev.ballast.persistence.testing.EntityCalls.report;
import static dev.ballast.persistence.testing.EntityCalls.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.PortfolioRow;
import dev.ballast.persistence.query.PositionRow;
import dev.ballast.persistence.query.TransactionRow;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.ReadSideAwait;
import dev.ballast.persistence.testing.PekkoTestSystems;
import dev.ballast.persistence.testing.TestBackend;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The projections end to end: entities spawned in a real actor system persist to the JDBC journal,
 * the exactly-once projections read the events by tag and keep the read tables.
 */
abstract class ProjectionContract {
  static final Duration CATCH_UP = Duration.ofSeconds(30);
  static final AccountId ACCOUNT = AccountId.of("acc-1");

  @TempDir Path dir;
  private DatabaseSettings settings;
  private Database database;
  private BallastQueries queries;
  private ActorTestKit kit;
  private final ReadSideStatus status = new ReadSideStatus();

  abstract TestBackend backend();

  @BeforeEach
  void start() {
    settings = backend().newDatabase(dir);
    database = Database.open(settings);
    database.migrate();
    queries = new BallastQueries(database);
    kit = startSystem();
  }

  @AfterEach
  void stop() {
    if (kit != null) {
      kit.shutdownTestKit();
    }
    database.close();
  }

  private ActorTestKit startSystem() {
    ActorTestKit started = PekkoTestSystems.testKit("projection", settings);
    ReadSideProjections.createOffsetTables(started.system(), database);
    assertEquals(Fixtures.SLICES, SliceCount.fix(database, Fixtures.SLICES.count()));
    return started;
  }

  private ReadSideRepository repository() {
    ObjectMapper json = JacksonObjectMapperProvider.get(kit.system()).getOrCreate("jackson-json", Optional.empty());
    return new JdbcReadSideRepository(json);
  }

  private ReadSideProjections projections(ReadSideRepository repository) {
    return new ReadSideProjections(kit.system(), database, repository, ReadSideSettings.from(kit.system().settings().config()),
        Fixtures.SLICES, status);
  }

  /** Every slice of the accounts projection, spawned here as the daemon processes would on a node. */
  private List<ActorRef<SliceProjection.Command>> startAccountsProjection(ReadSideRepository repository) {
    ReadSideProjections projections = projections(repository);
    List<ActorRef<SliceProjection.Command>> started = new ArrayList<>();
    for (int i = 0; i < Fixtures.SLICES.count(); i++) {
      started.add(kit.spawn(projections.accountsBehavior(i)));
    }
    return started;
  }

  private void awaitReadSide() {
    ReadSideAwait.caughtUp(database, status);
  }

  @Test
  void accountsProjectionCatchesUpAndAfterACrashResumesFromItsOffsetWithoutDuplicates() {
    ActorRef<AccountLedger.Command> ledger = kit.spawn(AccountLedger.create(ACCOUNT, Fixtures.ledgerSettings()));
    open(kit, ledger, Fixtures.spec());
    record(kit, ledger,
        deposit(at(-9), "d1", "1000000", "JPY"),
        buy(at(-8), "b1", "0.5", "BTC", "9000000", "JPY"),
        buy(at(-8), "b2", "2", "ETH", "300000", "JPY"));
    record(kit, ledger, sell(at(-7), "s1", "0.1", "BTC", "9500000", "JPY"), buy(at(-6), "b3", "0.00000001", "BTC", "9600000", "JPY"));
    var check = report(kit, ledger, "binance-api", at(-5), Map.of(AssetId.of("BTC"), new BigDecimal("0.41")));
    assertEquals(1, check.discrepancies().size());

    List<ActorRef<SliceProjection.Command>> slices = startAccountsProjection(repository());
    awaitReadSide();
    assertEquals(5, queries.account(ACCOUNT.value()).orElseThrow().transactionCount());
    assertEquals(1, discrepancies());
    assertPositionsMatch(state(kit, ledger));

    // the projection stops; the entity goes on persisting; then the whole node dies
    var watcher = kit.createTestProbe();
    for (ActorRef<SliceProjection.Command> slice : slices) {
      slice.tell(SliceProjection.Stop.INSTANCE);
      watcher.expectTerminated(slice, Duration.ofSeconds(20));
    }
    record(kit, ledger, sell(at(-4), "s2", "1", "ETH", "310000", "JPY"), deposit(at(-3), "d2", "0.5", "JPY"));
    record(kit, ledger, buy(at(-2), "b4", "0.25", "ETH", "320000", "JPY"));
    assertEquals(5, queries.account(ACCOUNT.value()).orElseThrow().transactionCount(), "nothing projected while stopped");
    kit.shutdownTestKit();

    kit = startSystem();
    ActorRef<AccountLedger.Command> recovered = kit.spawn(AccountLedger.create(ACCOUNT, Fixtures.ledgerSettings()));
    AccountLedger.OpenAccount state = state(kit, recovered);
    assertEquals(8, state.transactions(), "the restarted entity has every acknowledged transaction");
    startAccountsProjection(repository());
    awaitReadSide();

    assertEquals(8, count("SELECT COUNT(*) FROM transactions WHERE account_id = 'acc-1'"));
    assertEquals(8, count("SELECT COUNT(DISTINCT transaction_id) FROM transactions WHERE account_id = 'acc-1'"));
    assertEquals(1, discrepancies());
    assertEquals(state.transactions(), queries.account(ACCOUNT.value()).orElseThrow().transactionCount());
    assertPositionsMatch(state);
    assertEquals(List.of(2L, 2L, 2L, 3L, 3L, 6L, 6L, 7L),
        queries.transactions(ACCOUNT.value(), 0, 20).items().stream().map(t -> t.seq()).toList(),
        "the journal sequence number of each row's event (a batch of rows is one event); 4 and 5 are the balance report and"
            + " its discrepancy");
  }

  @Test
  void aHandlerThatFailsAfterItsWritesIsRolledBackAndRetriedWithoutDuplicates() {
    ActorRef<AccountLedger.Command> ledger = kit.spawn(AccountLedger.create(ACCOUNT, Fixtures.ledgerSettings()));
    open(kit, ledger, Fixtures.spec());
    record(kit, ledger,
        deposit(at(-9), "d1", "1000000", "JPY"),
        buy(at(-8), "b1", "0.5", "BTC", "9000000", "JPY"),
        sell(at(-7), "s1", "0.2", "BTC", "9100000", "JPY"));
    AtomicInteger attempts = new AtomicInteger();
    ReadSideRepository real = repository();
    // writes the second transaction's rows, then fails as if the node died before the commit
    ReadSideRepository failingOnce = new DelegatingRepository(real) {
      @Override
      public void transactionsRecorded(AccountRows rows, AccountLedger.TransactionsRecorded e, long sequenceNr) throws SQLException {
        super.transactionsRecorded(rows, e, sequenceNr);
        rows.flush();
        if (e.rows().stream().anyMatch(r -> r.transactionId().equals("acc-1/2")) && attempts.incrementAndGet() == 1) {
          throw new SQLException("simulated crash after the writes, before the commit");
        }
      }
    };
    startAccountsProjection(failingOnce);
    awaitReadSide();
    assertEquals(2, attempts.get(), "the batch with the second transaction failed once, then was written again");
    assertEquals(3, count("SELECT COUNT(DISTINCT transaction_id) FROM transactions WHERE account_id = 'acc-1'"));
    assertEquals(3, count("SELECT COUNT(*) FROM transactions WHERE account_id = 'acc-1'"));
    assertEquals(1, count("SELECT COUNT(*) FROM realized_lots WHERE account_id = 'acc-1'"));
    assertPositionsMatch(state(kit, ledger));
  }

  @Test
  void aBalanceReportRepeatedForTheSameInstantDoesNotStopTheProjection() {
    ActorRef<AccountLedger.Command> ledger = kit.spawn(AccountLedger.create(ACCOUNT, Fixtures.ledgerSettings()));
    open(kit, ledger, Fixtures.spec());
    record(kit, ledger, buy(at(-9), "b1", "0.5", "BTC", "9000000", "JPY"));
    Map<AssetId, BigDecimal> reported = Map.of(AssetId.of("BTC"), new BigDecimal("0.4"));
    // a reconciliation that runs twice for the same statement date: the entity records the first only
    assertEquals(1, report(kit, ledger, "binance-api", at(-5), reported).discrepancies().size());
    AccountLedger.BalanceCheck again = report(kit, ledger, "binance-api", at(-5), reported);
    assertTrue(again.alreadyReported());
    assertEquals(0, again.discrepancies().size());
    record(kit, ledger, buy(at(-4), "b2", "0.1", "BTC", "9100000", "JPY"));

    startAccountsProjection(repository());
    awaitReadSide();
    assertEquals(2, queries.account(ACCOUNT.value()).orElseThrow().transactionCount());
    assertEquals(1, discrepancies(), "one finding per account, source, instant and asset");
    assertPositionsMatch(state(kit, ledger));
  }

  @Test
  void portfoliosProjectionFollowsAttachDetachAndTargets() {
    PortfolioId id = PortfolioId.of("pf-1");
    ActorRef<Portfolio.Command> portfolio = kit.spawn(Portfolio.create(id, Fixtures.clock(), 100, Fixtures.SLICES));
    change(kit, portfolio, r -> new Portfolio.Create("Main", AssetId.of("JPY"), r));
    change(kit, portfolio, r -> new Portfolio.AttachAccount(AccountId.of("acc-1"), r));
    change(kit, portfolio, r -> new Portfolio.AttachAccount(AccountId.of("acc-2"), r));
    change(kit, portfolio, r -> new Portfolio.DetachAccount(AccountId.of("acc-2"), r));
    TargetAllocation target = new TargetAllocation(TargetAllocation.Kind.ASSET_CLASS,
        List.of(new TargetAllocation.Target("CRYPTO", new BigDecimal("30")), new TargetAllocation.Target("ETF", new BigDecimal("70"))),
        Map.of());
    change(kit, portfolio, r -> new Portfolio.SetTargetAllocation(target, r));
    // a repeat changes nothing and journals nothing
    assertEquals(new Portfolio.Accepted(false),
        ask(kit, portfolio, Portfolio.Result.class, r -> new Portfolio.AttachAccount(AccountId.of("acc-1"), r)));

    ReadSideProjections projections = projections(repository());
    for (int i = 0; i < Fixtures.SLICES.count(); i++) {
      kit.spawn(projections.portfoliosBehavior(i));
    }
    awaitReadSide();
    PortfolioRow row = queries.portfolio("pf-1").orElseThrow();
    assertEquals(List.of("acc-1"), row.accounts());
    assertEquals("Main", row.name());
    assertEquals(Fixtures.NOW, row.createdAt());
    assertNotNull(row.target());
    assertTrue(row.target().contains("ASSET_CLASS"), row.target());
  }

  @Test
  void anEventItCannotApplyStopsItsOwnSliceOnlyAndTheStatusNamesTheEventAndTheReason() {
    AccountId bad = AccountId.of("acc-bad");
    int badSlice = Fixtures.SLICES.of(bad.value());
    AccountId good = AccountId.of("acc-good");
    for (int i = 0; Fixtures.SLICES.of(good.value()) == badSlice; i++) {
      good = AccountId.of("acc-good-" + i);
    }
    ProjectionId stoppedId = ReadSideProjections.accountsSlice(badSlice);
    ProjectionId goingId = ReadSideProjections.accountsSlice(Fixtures.SLICES.of(good.value()));
    AccountId refused = bad;
    // a value the table cannot hold, as a database reports it: the same event fails every time
    ReadSideRepository failing = new DelegatingRepository(repository()) {
      @Override
      public void transactionRecorded(AccountRows rows, AccountLedger.TransactionRecorded e, long sequenceNr) throws SQLException {
        if (e.accountId().equals(refused)) {
          throw new SQLException("value too long for column external_id", "22001");
        }
        super.transactionRecorded(rows, e, sequenceNr);
      }
    };
    ActorRef<AccountLedger.Command> badLedger = kit.spawn(AccountLedger.create(bad, Fixtures.ledgerSettings()));
    ActorRef<AccountLedger.Command> goodLedger = kit.spawn(AccountLedger.create(good, Fixtures.ledgerSettings()));
    open(kit, badLedger, Fixtures.spec());
    open(kit, goodLedger, Fixtures.spec());
    record(kit, badLedger, deposit(at(-9), "d1", "1000", "JPY"));
    record(kit, goodLedger, deposit(at(-9), "d1", "1000", "JPY"));

    startAccountsProjection(failing);
    Eventually.await(CATCH_UP,
        () -> status.slice(stoppedId).map(s -> s.state() == SliceStatus.State.STOPPED).orElse(false),
        () -> "slices " + status.slices());
    SliceStatus.Failure failure = status.slice(stoppedId).orElseThrow().failure();
    assertEquals("AccountLedger|acc-bad", failure.persistenceId());
    assertEquals(2, failure.sequenceNr(), "the transaction, after AccountOpened");
    assertEquals(ordering("AccountLedger|acc-bad", 2), failure.offset());
    assertEquals("TransactionRecorded", failure.eventType());
    assertTrue(failure.reason().contains("value too long for column external_id"), failure.reason());
    assertFalse(status.healthy());

    // the other slices go on: a write after the stop is projected
    record(kit, goodLedger, buy(at(-8), "b1", "0.001", "BTC", "100000", "JPY"));
    ReadSideAwait.caughtUp(database, status, tag -> !tag.equals(stoppedId.key()));
    assertEquals(2, queries.account(good.value()).orElseThrow().transactionCount());
    assertPositionsMatch(good, state(kit, goodLedger));
    assertEquals(SliceStatus.State.RUNNING, status.slice(goingId).orElseThrow().state());

    // the stopped slice committed nothing of the event it stopped on, nor anything after it
    ReadSideLag.Slice lag = ReadSideLag.of(database).stream().filter(s -> s.tag().equals(stoppedId.key())).findFirst().orElseThrow();
    assertTrue(lag.processed() < failure.offset(), lag + " vs " + failure);
    assertEquals(0, count("SELECT COUNT(*) FROM transactions WHERE account_id = 'acc-bad'"));
  }

  @Test
  void anOlderBatchRestatesPositionsAndRealizedLotsAndListsInTradeTimeOrder() {
    ActorRef<AccountLedger.Command> ledger = kit.spawn(AccountLedger.create(ACCOUNT, Fixtures.ledgerSettings()));
    open(kit, ledger, Fixtures.spec());
    startAccountsProjection(repository());
    record(kit, ledger,
        deposit(at(-30), "d1", "20000000", "JPY"),
        buy(at(-10), "b1", "1", "BTC", "4000000", "JPY"),
        buy(at(-2), "b2", "1", "BTC", "6000000", "JPY"),
        sell(at(-1), "s2", "1", "BTC", "7000000", "JPY"));
    awaitReadSide();
    // before: the sale at -1 closed the lot of -10 (P&L 3,000,000)
    assertEquals(0, new BigDecimal("3000000").compareTo(realizedPnl()));

    // an older sale: it takes the lot of -10, so the sale at -1 now closes the lot of -2
    record(kit, ledger, sell(at(-5), "s1", "1", "BTC", "5000000", "JPY"));
    awaitReadSide();

    AccountLedger.OpenAccount state = state(kit, ledger);
    assertPositionsMatch(state);
    assertEquals(0, new BigDecimal("2000000").compareTo(realizedPnl()), "1,000,000 (s1 on b1) + 1,000,000 (s2 on b2)");
    assertEquals(2, count("SELECT COUNT(*) FROM realized_lots WHERE account_id = 'acc-1'"));
    assertEquals(List.of("acc-1/1", "acc-1/2", "acc-1/5", "acc-1/3", "acc-1/4"),
        queries.ledger(ACCOUNT.value()).stream().map(TransactionRow::transactionId).toList());
    assertEquals(5, queries.account(ACCOUNT.value()).orElseThrow().transactionCount());
  }

  @Test
  void aLargeBatchIsProjectedFromItsBatchEventsAmongPerRowEvents() {
    ActorRef<AccountLedger.Command> ledger = kit.spawn(AccountLedger.create(ACCOUNT, Fixtures.ledgerSettings()));
    open(kit, ledger, Fixtures.spec());
    // one row: a TransactionRecorded; then the largest batch, as TransactionsRecorded events; then one row again
    record(kit, ledger, deposit(at(-30), "d1", "100000000000", "JPY"));
    int size = dev.ballast.engine.model.InputLimits.MAX_BATCH_ROWS;
    List<dev.ballast.engine.model.Transaction> batch = new ArrayList<>();
    java.time.Instant start = at(-20);
    for (int i = 0; i < size; i++) {
      String price = String.valueOf(5_000_000 + (i % 13) * 1000);
      batch.add(i % 3 == 2 ? sell(start.plusSeconds(i), "t" + i, "0.001", "BTC", price, "JPY")
          : buy(start.plusSeconds(i), "t" + i, "0.002", "BTC", price, "JPY"));
    }
    // the largest batch takes long on a busy machine: its reply is waited for longer than EntityCalls waits
    var probe = kit.createTestProbe(AccountLedger.BatchResult.class);
    ledger.tell(new AccountLedger.RecordTransactions(batch, probe.getRef()));
    AccountLedger.BatchResult recorded = probe.receiveMessage(Duration.ofMinutes(3));
    assertEquals(size, ((AccountLedger.Recorded) recorded).transactionIds().size(), recorded.toString());
    record(kit, ledger, sell(at(-1), "s-last", "0.5", "BTC", "6000000", "JPY"));
    long batchEvents = (size + AccountLedger.ROWS_PER_EVENT - 1) / AccountLedger.ROWS_PER_EVENT;
    assertEquals(1 + 1 + batchEvents + 1, count("SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = 'AccountLedger|acc-1'"),
        "AccountOpened, a TransactionRecorded, the batch's TransactionsRecorded events and a TransactionRecorded");

    startAccountsProjection(repository());
    awaitReadSide();

    AccountLedger.OpenAccount state = state(kit, ledger);
    assertEquals(size + 2, state.transactions());
    assertEquals(size + 2, count("SELECT COUNT(DISTINCT transaction_id) FROM transactions WHERE account_id = 'acc-1'"));
    assertEquals(size + 2, queries.account(ACCOUNT.value()).orElseThrow().transactionCount());
    assertPositionsMatch(state);
    PositionRow btc = queries.positions(ACCOUNT.value(), true).stream().filter(p -> p.asset().equals("BTC")).findFirst().orElseThrow();
    PositionSummary expected = state.book().summary(AssetId.of("BTC"));
    assertEquals(0, expected.cost().compareTo(btc.cost()), btc + " vs " + expected);
    assertEquals(0, expected.realizedInAccount().compareTo(btc.realizedInAccount()), btc + " vs " + expected);
    // every closing of every row, once: the realized lots add up to what the ledger realized
    assertEquals(0, expected.realizedInAccount().compareTo(realizedPnl()), "realized lots sum to " + realizedPnl());
    assertEquals(count("SELECT COUNT(*) FROM realized_lots WHERE account_id = 'acc-1'"),
        count("SELECT COUNT(*) FROM (SELECT DISTINCT transaction_id, idx FROM realized_lots WHERE account_id = 'acc-1') x"));
    assertEquals(List.of("acc-1/1", "acc-1/2", "acc-1/3"),
        queries.transactions(ACCOUNT.value(), 0, 3).items().stream().map(TransactionRow::transactionId).toList());
  }

  @Test
  void aBatchEventItCannotApplyStopsItsSliceThereWithNothingOfItsRowsWritten() {
    AccountId bad = AccountId.of("acc-bad");
    ProjectionId stoppedId = ReadSideProjections.accountsSlice(Fixtures.SLICES.of(bad.value()));
    ReadSideRepository failing = new DelegatingRepository(repository()) {
      @Override
      public void transactionsRecorded(AccountRows rows, AccountLedger.TransactionsRecorded e, long sequenceNr) throws SQLException {
        super.transactionsRecorded(rows, e, sequenceNr);
        rows.flush();
        if (e.accountId().equals(bad)) {
          throw new SQLException("value too long for column external_id", "22001");
        }
      }
    };
    ActorRef<AccountLedger.Command> badLedger = kit.spawn(AccountLedger.create(bad, Fixtures.ledgerSettings()));
    open(kit, badLedger, Fixtures.spec());
    record(kit, badLedger, deposit(at(-9), "d1", "1000", "JPY"));
    record(kit, badLedger, deposit(at(-8), "d2", "1000", "JPY"), deposit(at(-7), "d3", "1000", "JPY"));

    startAccountsProjection(failing);
    Eventually.await(CATCH_UP,
        () -> status.slice(stoppedId).map(s -> s.state() == SliceStatus.State.STOPPED).orElse(false),
        () -> "slices " + status.slices());
    SliceStatus.Failure failure = status.slice(stoppedId).orElseThrow().failure();
    assertEquals(3, failure.sequenceNr(), "the batch event, after AccountOpened and the first deposit");
    assertEquals("TransactionsRecorded", failure.eventType());
    // none of the batch's rows is committed, though its handler had written them
    List<String> written = queries.transactions(bad.value(), 0, 10).items().stream().map(TransactionRow::transactionId).toList();
    assertFalse(written.contains("acc-bad/2") || written.contains("acc-bad/3"), written.toString());
    ReadSideLag.Slice lag = ReadSideLag.of(database).stream().filter(s -> s.tag().equals(stoppedId.key())).findFirst().orElseThrow();
    assertTrue(lag.processed() < failure.offset(), lag + " vs " + failure);
  }

  private BigDecimal realizedPnl() {
    return database.inTransaction(c -> {
      try (var ps = c.prepareStatement("SELECT SUM(pnl_in_account) FROM realized_lots WHERE account_id = 'acc-1'");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBigDecimal(1);
      }
    });
  }

  private long ordering(String persistenceId, long sequenceNr) {
    return database.inTransaction(c -> {
      try (var ps = c.prepareStatement(
          "SELECT \"ordering\" FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?")) {
        ps.setString(1, persistenceId);
        ps.setLong(2, sequenceNr);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  private void assertPositionsMatch(AccountLedger.OpenAccount state) {
    assertPositionsMatch(ACCOUNT, state);
  }

  private void assertPositionsMatch(AccountId account, AccountLedger.OpenAccount state) {
    List<PositionSummary> expected = state.book().summaries().stream()
        .sorted(Comparator.comparing(PositionSummary::asset)).toList();
    List<PositionRow> actual = queries.positions(account.value(), true);
    assertEquals(expected.stream().map(s -> s.asset().value()).toList(), actual.stream().map(PositionRow::asset).toList());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(0, expected.get(i).quantity().compareTo(actual.get(i).quantity()), actual.get(i) + " vs " + expected.get(i));
    }
  }

  private long discrepancies() {
    return count("SELECT COUNT(*) FROM balance_discrepancies WHERE account_id = 'acc-1'");
  }

  private long count(String sql) {
    return database.inTransaction(c -> {
      try (var ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** A repository that passes every write on; tests override one method to inject a failure. */
  static class DelegatingRepository implements ReadSideRepository {
    private final ReadSideRepository delegate;

    DelegatingRepository(ReadSideRepository delegate) {
      this.delegate = delegate;
    }

    @Override
    public AccountRows accountRows(Connection c) {
      return delegate.accountRows(c);
    }

    @Override
    public void accountOpened(AccountRows rows, AccountLedger.AccountOpened e) throws SQLException {
      delegate.accountOpened(rows, e);
    }

    @Override
    public void transactionRecorded(AccountRows rows, AccountLedger.TransactionRecorded e, long sequenceNr) throws SQLException {
      delegate.transactionRecorded(rows, e, sequenceNr);
    }

    @Override
    public void transactionsRecorded(AccountRows rows, AccountLedger.TransactionsRecorded e, long sequenceNr) throws SQLException {
      delegate.transactionsRecorded(rows, e, sequenceNr);
    }

    @Override
    public void ledgerRestated(AccountRows rows, AccountLedger.LedgerRestated e, long sequenceNr) throws SQLException {
      delegate.ledgerRestated(rows, e, sequenceNr);
    }

    @Override
    public void discrepancyFound(AccountRows rows, AccountLedger.BalanceDiscrepancyFound e) throws SQLException {
      delegate.discrepancyFound(rows, e);
    }

    @Override
    public void transferLinked(AccountRows rows, AccountLedger.TransferLinked e) throws SQLException {
      delegate.transferLinked(rows, e);
    }

    @Override
    public void portfolioCreated(Connection c, Portfolio.PortfolioCreated e) throws SQLException {
      delegate.portfolioCreated(c, e);
    }

    @Override
    public void accountAttached(Connection c, Portfolio.AccountAttached e) throws SQLException {
      delegate.accountAttached(c, e);
    }

    @Override
    public void accountDetached(Connection c, Portfolio.AccountDetached e) throws SQLException {
      delegate.accountDetached(c, e);
    }

    @Override
    public void targetAllocationSet(Connection c, Portfolio.TargetAllocationSet e) throws SQLException {
      delegate.targetAllocationSet(c, e);
    }
  }
}
