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
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.PekkoTestSystems;
import dev.ballast.persistence.testing.TestBackend;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.projection.ProjectionBehavior;
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
    return started;
  }

  private ReadSideRepository repository() {
    ObjectMapper json = JacksonObjectMapperProvider.get(kit.system()).getOrCreate("jackson-json", Optional.empty());
    return new JdbcReadSideRepository(json);
  }

  private ActorRef<ProjectionBehavior.Command> startAccountsProjection(ReadSideRepository repository) {
    return kit.spawn(ProjectionBehavior.create(ReadSideProjections.accounts(kit.system(), database, repository)));
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

    ActorRef<ProjectionBehavior.Command> projection = startAccountsProjection(repository());
    awaitTransactions(5);
    assertEquals(1, discrepancies());
    assertPositionsMatch(state(kit, ledger));

    // the projection stops; the entity goes on persisting; then the whole node dies
    var watcher = kit.createTestProbe();
    kit.stop(projection, Duration.ofSeconds(20));
    watcher.expectTerminated(projection, Duration.ofSeconds(20));
    record(kit, ledger, sell(at(-4), "s2", "1", "ETH", "310000", "JPY"), deposit(at(-3), "d2", "0.5", "JPY"));
    record(kit, ledger, buy(at(-2), "b4", "0.25", "ETH", "320000", "JPY"));
    assertEquals(5, queries.account(ACCOUNT.value()).orElseThrow().transactionCount(), "nothing projected while stopped");
    kit.shutdownTestKit();

    kit = startSystem();
    ActorRef<AccountLedger.Command> recovered = kit.spawn(AccountLedger.create(ACCOUNT, Fixtures.ledgerSettings()));
    AccountLedger.OpenAccount state = state(kit, recovered);
    assertEquals(8, state.transactions(), "the restarted entity has every acknowledged transaction");
    startAccountsProjection(repository());
    awaitTransactions(8);

    assertEquals(8, count("SELECT COUNT(*) FROM transactions WHERE account_id = 'acc-1'"));
    assertEquals(8, count("SELECT COUNT(DISTINCT transaction_id) FROM transactions WHERE account_id = 'acc-1'"));
    assertEquals(1, discrepancies());
    assertEquals(state.transactions(), queries.account(ACCOUNT.value()).orElseThrow().transactionCount());
    assertPositionsMatch(state);
    assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 9L, 10L, 11L),
        queries.transactions(ACCOUNT.value(), 0, 20).items().stream().map(t -> t.seq()).toList(),
        "journal sequence numbers; 7 and 8 are the balance report and its discrepancy");
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
      public void transactionRecorded(Connection c, AccountLedger.TransactionRecorded e, long sequenceNr) throws SQLException {
        super.transactionRecorded(c, e, sequenceNr);
        if (e.transactionId().equals("acc-1/2") && attempts.incrementAndGet() == 1) {
          throw new SQLException("simulated crash after the writes, before the commit");
        }
      }
    };
    startAccountsProjection(failingOnce);
    awaitTransactions(3);
    assertEquals(2, attempts.get(), "the second transaction failed once, then was written again");
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
    awaitTransactions(2);
    assertEquals(1, discrepancies(), "one finding per account, source, instant and asset");
    assertPositionsMatch(state(kit, ledger));
  }

  @Test
  void portfoliosProjectionFollowsAttachDetachAndTargets() {
    PortfolioId id = PortfolioId.of("pf-1");
    ActorRef<Portfolio.Command> portfolio = kit.spawn(Portfolio.create(id, Fixtures.clock(), 100));
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

    kit.spawn(ProjectionBehavior.create(ReadSideProjections.portfolios(kit.system(), database, repository())));
    Eventually.await(CATCH_UP,
        () -> queries.portfolio("pf-1").map(p -> p.target() != null).orElse(false),
        () -> "portfolio row " + queries.portfolio("pf-1"));
    PortfolioRow row = queries.portfolio("pf-1").orElseThrow();
    assertEquals(List.of("acc-1"), row.accounts());
    assertEquals("Main", row.name());
    assertEquals(Fixtures.NOW, row.createdAt());
    assertNotNull(row.target());
    assertTrue(row.target().contains("ASSET_CLASS"), row.target());
  }

  private void awaitTransactions(long expected) {
    Eventually.await(CATCH_UP,
        () -> queries.account(ACCOUNT.value()).map(a -> a.transactionCount() == expected).orElse(false),
        () -> "account row " + queries.account(ACCOUNT.value()));
  }

  private void assertPositionsMatch(AccountLedger.OpenAccount state) {
    List<PositionSummary> expected = state.book().summaries().stream()
        .sorted(Comparator.comparing(PositionSummary::asset)).toList();
    List<PositionRow> actual = queries.positions(ACCOUNT.value(), true);
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
    public void accountOpened(Connection c, AccountLedger.AccountOpened e) throws SQLException {
      delegate.accountOpened(c, e);
    }

    @Override
    public void transactionRecorded(Connection c, AccountLedger.TransactionRecorded e, long sequenceNr) throws SQLException {
      delegate.transactionRecorded(c, e, sequenceNr);
    }

    @Override
    public void discrepancyFound(Connection c, AccountLedger.BalanceDiscrepancyFound e) throws SQLException {
      delegate.discrepancyFound(c, e);
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
