package dev.ballast.persistence.readside;

import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.engine.Fixtures.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.ledger.RealizedLot;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseException;
import dev.ballast.persistence.query.AccountRow;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.Page;
import dev.ballast.persistence.query.PortfolioRow;
import dev.ballast.persistence.query.PositionRow;
import dev.ballast.persistence.query.TransactionRow;
import dev.ballast.persistence.testing.LedgerEvents;
import dev.ballast.persistence.testing.TestBackend;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side's writes and reads without actors: events made by the real ledger book, written
 * through {@link JdbcReadSideRepository} in one transaction, read back through {@link BallastQueries}.
 */
abstract class ReadSideRepositoryContract {
  private static ActorTestKit kit;
  private static ObjectMapper json;

  @TempDir Path dir;
  private Database database;
  private JdbcReadSideRepository repository;
  private BallastQueries queries;

  abstract TestBackend backend();

  @BeforeAll
  static void startJackson() {
    kit = ActorTestKit.create("read-side-json");
    // the mapper the server and the journal use
    json = JacksonObjectMapperProvider.get(kit.system()).getOrCreate("jackson-json", Optional.empty());
  }

  @AfterAll
  static void stopJackson() {
    kit.shutdownTestKit();
  }

  @BeforeEach
  void openDatabase() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
    repository = new JdbcReadSideRepository(json);
    queries = new BallastQueries(database);
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  @Test
  void accountWithTransactionsReadsBackWithExactDecimals() throws Exception {
    AccountId id = AccountId.of("acc-exact");
    LedgerEvents ledger = new LedgerEvents(id, Fixtures.spec());
    AccountLedger.AccountOpened opened = ledger.opened();
    List<AccountLedger.TransactionRecorded> recorded = new ArrayList<>();
    List<Long> seqs = new ArrayList<>();
    for (Transaction tx : List.of(
        deposit(at(-5), "d1", "123456789.123456789", "JPY"),
        buy(at(-4), "b1", "0.00000001", "BTC", "10000000", "JPY"),
        // 3 ETH for 4 JPY (price 1, fee 1): one ETH of that lot costs 4/3, which FIFO divides to 34 digits
        trade(TransactionType.BUY, at(-3), "b2", "3", "ETH", "1", "JPY").fee("1", "JPY").build(),
        sell(at(-2), "s1", "1", "ETH", "2", "JPY"),
        sell(at(-1), "s2", "0.00000001", "BTC", "20000000", "JPY"))) {
      recorded.add(ledger.record(tx));
      seqs.add(ledger.sequenceNr());
    }
    database.inTransaction(c -> {
      AccountRows rows = repository.accountRows(c);
      repository.accountOpened(rows, opened);
      for (int i = 0; i < recorded.size(); i++) {
        repository.transactionRecorded(rows, recorded.get(i), seqs.get(i));
      }
      rows.flush();
      return null;
    });

    AccountRow account = queries.account("acc-exact").orElseThrow();
    assertEquals(new AccountRow("acc-exact", "Main exchange", "EXCHANGE", "binance", "JPY", "GENERAL", false, Fixtures.NOW, 5, "FIFO"), account);
    assertEquals(List.of(account), queries.accounts());

    // BTC was bought and sold back: a zero position, listed only when closed ones are asked for
    List<PositionRow> open = queries.positions("acc-exact", false);
    assertEquals(List.of("ETH", "JPY"), open.stream().map(PositionRow::asset).toList());
    List<PositionRow> all = queries.positions("acc-exact", true);
    assertEquals(List.of("BTC", "ETH", "JPY"), all.stream().map(PositionRow::asset).toList());
    for (PositionRow row : all) {
      assertSame(ledger.book().summary(AssetId.of(row.asset())), row);
    }

    PositionRow eth = all.get(1);
    BigDecimal remaining = new BigDecimal("2.666666666666666666666666666666667");
    assertEquals(0, remaining.compareTo(eth.cost()), "ETH cost " + eth.cost());
    assertEquals(34, eth.cost().precision());
    assertEquals(0, new BigDecimal("2").compareTo(eth.quantity()));
    PositionRow jpy = all.get(2);
    // 123456789.123456789 deposited, 0.1 paid for BTC and 4 for ETH, 2 from ETH and 0.2 from BTC back
    assertEquals(0, new BigDecimal("123456787.223456789").compareTo(jpy.quantity()), "JPY " + jpy.quantity());
    PositionRow btc = all.get(0);
    assertEquals(0, btc.quantity().signum());
    assertEquals(0, new BigDecimal("0.1").compareTo(btc.realizedInAccount()), "BTC realized " + btc.realizedInAccount());

    // the realized ETH lot: cost 4/3 to 34 significant digits, exactly as the engine computed it
    RealizedLot.Journaled ethLot = recorded.get(3).realized().get(0);
    assertEquals(34, ethLot.cost().abs().precision());
    List<BigDecimal[]> lots = realizedLots("acc-exact/4");
    assertEquals(1, lots.size());
    assertEquals(0, ethLot.quantity().compareTo(lots.get(0)[0]));
    assertEquals(0, ethLot.cost().compareTo(lots.get(0)[1]), "realized cost " + lots.get(0)[1]);
    assertEquals(0, ethLot.proceeds().compareTo(lots.get(0)[2]));
    assertEquals(0, ethLot.pnl().compareTo(lots.get(0)[3]), "realized pnl " + lots.get(0)[3]);

    // a transaction reads back as it was recorded, 0.00000001 included
    Page<TransactionRow> page = queries.transactions("acc-exact", 0, 10);
    assertEquals(5, page.total());
    assertEquals(seqs, page.items().stream().map(TransactionRow::seq).toList());
    Transaction btcBuy = json.readValue(page.items().get(1).transaction(), Transaction.class);
    assertEquals(recorded.get(1).transaction(), btcBuy);
    assertEquals(0, new BigDecimal("0.00000001").compareTo(btcBuy.quantity().value()));
    assertEquals("acc-exact/2", page.items().get(1).transactionId());
  }

  @Test
  void aBatchEventWritesTheSameRowsAsItsTransactionsOneEventEach() {
    List<Transaction> txs = List.of(
        deposit(at(-5), "d1", "123456789.123456789", "JPY"),
        buy(at(-4), "b1", "0.00000001", "BTC", "10000000", "JPY"),
        trade(TransactionType.BUY, at(-3), "b2", "3", "ETH", "1", "JPY").fee("1", "JPY").build(),
        sell(at(-2), "s1", "1", "ETH", "2", "JPY"),
        sell(at(-1), "s2", "0.00000001", "BTC", "20000000", "JPY"),
        buy(at(-1), "b3", "0.5", "ETH", "3", "JPY"));
    LedgerEvents perRow = new LedgerEvents(AccountId.of("acc-rows"), Fixtures.spec());
    LedgerEvents batched = new LedgerEvents(AccountId.of("acc-batch"), Fixtures.spec());
    AccountLedger.AccountOpened openedRows = perRow.opened();
    AccountLedger.AccountOpened openedBatch = batched.opened();
    // the batch's first two rows alone, then the rest: two batch events, as a batch larger than one event is written
    AccountLedger.TransactionsRecorded first = batched.recordAll(txs.subList(0, 2));
    long firstSeq = batched.sequenceNr();
    AccountLedger.TransactionsRecorded rest = batched.recordAll(txs.subList(2, txs.size()));
    long restSeq = batched.sequenceNr();
    database.inTransaction(c -> {
      AccountRows rows = repository.accountRows(c);
      repository.accountOpened(rows, openedRows);
      repository.accountOpened(rows, openedBatch);
      for (Transaction tx : txs) {
        repository.transactionRecorded(rows, perRow.record(tx), perRow.sequenceNr());
      }
      repository.transactionsRecorded(rows, first, firstSeq);
      repository.transactionsRecorded(rows, rest, restSeq);
      rows.flush();
      return null;
    });

    assertEquals(6, queries.account("acc-batch").orElseThrow().transactionCount());
    assertEquals(rowsOf("positions", "acc-rows", "asset"), rowsOf("positions", "acc-batch", "asset"));
    assertEquals(rowsOf("realized_lots", "acc-rows", "transaction_id, idx"), rowsOf("realized_lots", "acc-batch", "transaction_id, idx"));
    assertEquals(2, realizedLots("acc-batch/4").size() + realizedLots("acc-batch/5").size());
    for (PositionRow row : queries.positions("acc-batch", true)) {
      assertSame(batched.book().summary(AssetId.of(row.asset())), row);
    }
    List<TransactionRow> listed = queries.transactions("acc-batch", 0, 10).items();
    assertEquals(List.of("acc-batch/1", "acc-batch/2", "acc-batch/3", "acc-batch/4", "acc-batch/5", "acc-batch/6"),
        listed.stream().map(TransactionRow::transactionId).toList());
    assertEquals(List.of(firstSeq, firstSeq, restSeq, restSeq, restSeq, restSeq), listed.stream().map(TransactionRow::seq).toList(),
        "each row has the sequence number of its event");
    assertEquals(queries.transactions("acc-rows", 0, 10).items().stream().map(TransactionRow::transaction).toList(),
        listed.stream().map(TransactionRow::transaction).toList());
  }

  /** Every column of an account's rows in a table, the account id blanked, ordered by {@code order}. */
  private List<List<String>> rowsOf(String table, String account, String order) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE account_id = ? ORDER BY " + order)) {
        ps.setString(1, account);
        try (ResultSet rs = ps.executeQuery()) {
          List<List<String>> out = new ArrayList<>();
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
              Object v = rs.getObject(i);
              String text = v == null ? null : v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v.toString();
              row.add(text == null ? null : text.replace(account, "ACCOUNT"));
            }
            out.add(row);
          }
          return out;
        }
      }
    });
  }

  @Test
  void aClosingWhoseProceedsAreInAnotherCurrencyNamesThatCurrency() {
    LedgerEvents ledger = new LedgerEvents(AccountId.of("acc-usdt"), Fixtures.spec());
    AccountLedger.AccountOpened opened = ledger.opened();
    AccountLedger.TransactionRecorded bought = ledger.record(buy(at(-2), "u1", "1000", "USDT", "150", "JPY"));
    long boughtSeq = ledger.sequenceNr();
    // 600 USDT of the yen-bought lot spent on coins: the closing's cost is in yen, its proceeds in USDT
    AccountLedger.TransactionRecorded spent =
        ledger.record(trade(TransactionType.BUY, at(-1), "b1", "0.01", "BTC", "60000", "USDT").fxRate("155").build());
    long spentSeq = ledger.sequenceNr();
    database.inTransaction(c -> {
      AccountRows rows = repository.accountRows(c);
      repository.accountOpened(rows, opened);
      repository.transactionRecorded(rows, bought, boughtSeq);
      repository.transactionRecorded(rows, spent, spentSeq);
      rows.flush();
      return null;
    });

    List<String> currencies = database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
              "SELECT currency, proceeds_currency, proceeds FROM realized_lots WHERE account_id = 'acc-usdt'");
          ResultSet rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
          out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBigDecimal(3).stripTrailingZeros().toPlainString());
        }
        return out;
      }
    });
    assertEquals(List.of("JPY USDT 600"), currencies);
  }

  @Test
  void transactionsArePagedInSequenceOrder() {
    AccountId id = AccountId.of("acc-paged");
    LedgerEvents ledger = new LedgerEvents(id, Fixtures.spec());
    AccountLedger.AccountOpened opened = ledger.opened();
    database.inTransaction(c -> {
      AccountRows rows = repository.accountRows(c);
      repository.accountOpened(rows, opened);
      for (int i = 1; i <= 7; i++) {
        repository.transactionRecorded(rows, ledger.record(deposit(at(-10 + i), "d" + i, i + "000", "JPY")), ledger.sequenceNr());
      }
      rows.flush();
      return null;
    });

    Page<TransactionRow> first = queries.transactions("acc-paged", 0, 3);
    assertEquals(7, first.total());
    assertEquals(List.of(2L, 3L, 4L), first.items().stream().map(TransactionRow::seq).toList());
    Page<TransactionRow> second = queries.transactions("acc-paged", 3, 3);
    assertEquals(List.of("acc-paged/4", "acc-paged/5", "acc-paged/6"),
        second.items().stream().map(TransactionRow::transactionId).toList());
    Page<TransactionRow> last = queries.transactions("acc-paged", 6, 3);
    assertEquals(List.of(8L), last.items().stream().map(TransactionRow::seq).toList());
    assertEquals(7, last.total());
    Page<TransactionRow> beyond = queries.transactions("acc-paged", 10, 3);
    assertTrue(beyond.items().isEmpty());
    assertEquals(7, beyond.total());
    assertEquals(0, queries.transactions("no-such-account", 0, 3).total());
    assertEquals(7, queries.account("acc-paged").orElseThrow().transactionCount());
  }

  @Test
  void discrepanciesAreKeptWithExactQuantitiesAndTheLatestFindingWins() {
    AccountId id = AccountId.of("acc-disc");
    LedgerEvents ledger = new LedgerEvents(id, Fixtures.spec());
    AccountLedger.AccountOpened opened = ledger.opened();
    AccountLedger.BalanceDiscrepancyFound found = new AccountLedger.BalanceDiscrepancyFound(
        id, "binance-api", at(-1), AssetId.of("BTC"), new BigDecimal("0.00000001"), new BigDecimal("0.123456789012345678"));
    database.inTransaction(c -> {
      AccountRows rows = repository.accountRows(c);
      repository.accountOpened(rows, opened);
      repository.discrepancyFound(rows, new AccountLedger.BalanceDiscrepancyFound(
          id, "binance-api", at(-1), AssetId.of("BTC"), BigDecimal.ZERO, BigDecimal.ONE));
      rows.flush();
      return null;
    });
    // the same instant reported again, in a later group and twice within one: the latest finding replaces the others
    database.inTransaction(c -> {
      AccountRows rows = repository.accountRows(c);
      repository.discrepancyFound(rows, new AccountLedger.BalanceDiscrepancyFound(
          id, "binance-api", at(-1), AssetId.of("BTC"), BigDecimal.ONE, BigDecimal.TEN));
      repository.discrepancyFound(rows, found);
      rows.flush();
      return null;
    });
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT source, asset, ledger_quantity, reported_quantity FROM balance_discrepancies WHERE account_id = ?")) {
        ps.setString(1, "acc-disc");
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals("binance-api", rs.getString(1));
          assertEquals("BTC", rs.getString(2));
          assertEquals(0, found.ledgerQuantity().compareTo(rs.getBigDecimal(3)));
          assertEquals(0, found.reportedQuantity().compareTo(rs.getBigDecimal(4)));
          assertTrue(!rs.next(), "one discrepancy row");
        }
      }
      return null;
    });
  }

  @Test
  void portfoliosWithAccountsTargetsAndTheirPositions() throws Exception {
    LedgerEvents a = new LedgerEvents(AccountId.of("acc-a"), Fixtures.spec());
    LedgerEvents b = new LedgerEvents(AccountId.of("acc-b"), Fixtures.spec());
    PortfolioId pf = PortfolioId.of("pf-main");
    TargetAllocation target = new TargetAllocation(TargetAllocation.Kind.ASSET,
        List.of(new TargetAllocation.Target("BTC", new BigDecimal("60.5")), new TargetAllocation.Target("ETH", new BigDecimal("39.5"))),
        Map.of());
    database.inTransaction(c -> {
      AccountRows rows = repository.accountRows(c);
      repository.accountOpened(rows, a.opened());
      repository.transactionRecorded(rows, a.record(buy(at(-2), "a1", "0.5", "BTC", "9000000", "JPY")), a.sequenceNr());
      repository.accountOpened(rows, b.opened());
      repository.transactionRecorded(rows, b.record(buy(at(-2), "b1", "2", "ETH", "500000", "JPY")), b.sequenceNr());
      repository.transactionRecorded(rows, b.record(buy(at(-1), "b2", "0.25", "BTC", "9100000", "JPY")), b.sequenceNr());
      repository.portfolioCreated(c, new Portfolio.PortfolioCreated(pf, "Main", AssetId.of("JPY"), Fixtures.NOW));
      repository.accountAttached(c, new Portfolio.AccountAttached(pf, AccountId.of("acc-a"), Fixtures.NOW));
      repository.accountAttached(c, new Portfolio.AccountAttached(pf, AccountId.of("acc-b"), Fixtures.NOW));
      repository.targetAllocationSet(c, new Portfolio.TargetAllocationSet(pf, target, Fixtures.NOW));
      rows.flush();
      return null;
    });

    PortfolioRow row = queries.portfolio("pf-main").orElseThrow();
    assertEquals("Main", row.name());
    assertEquals("JPY", row.baseCurrency());
    assertEquals(Fixtures.NOW, row.createdAt());
    assertEquals(List.of("acc-a", "acc-b"), row.accounts());
    assertEquals(target, json.readValue(row.target(), TargetAllocation.class));
    assertEquals(List.of(row), queries.portfolios());

    // by asset, then by account; cash (negative JPY after the buys) is a non-zero holding too
    List<PositionRow> positions = queries.portfolioPositions("pf-main");
    assertEquals(List.of("BTC acc-a", "BTC acc-b", "ETH acc-b", "JPY acc-a", "JPY acc-b"),
        positions.stream().map(p -> p.asset() + " " + p.accountId()).toList());
    assertEquals(0, new BigDecimal("-3275000").compareTo(positions.get(4).quantity()), "JPY of acc-b " + positions.get(4).quantity());

    database.inTransaction(c -> {
      repository.accountDetached(c, new Portfolio.AccountDetached(pf, AccountId.of("acc-b"), Fixtures.NOW));
      return null;
    });
    assertEquals(List.of("acc-a"), queries.portfolioAccounts("pf-main"));
    assertEquals(List.of("BTC acc-a", "JPY acc-a"),
        queries.portfolioPositions("pf-main").stream().map(p -> p.asset() + " " + p.accountId()).toList());
    assertTrue(queries.portfolioPositions("pf-none").isEmpty());
  }

  @Test
  void aRolledBackTransactionLeavesNothing() {
    LedgerEvents ledger = new LedgerEvents(AccountId.of("acc-gone"), Fixtures.spec());
    AccountLedger.AccountOpened opened = ledger.opened();
    AccountLedger.TransactionRecorded first = ledger.record(buy(at(-2), "x1", "1", "BTC", "100", "JPY"));
    long firstSeq = ledger.sequenceNr();
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> database.inTransaction(c -> {
      AccountRows rows = repository.accountRows(c);
      repository.accountOpened(rows, opened);
      repository.transactionRecorded(rows, first, firstSeq);
      rows.flush();
      throw new IllegalStateException("the projection failed after its writes");
    }));
    assertEquals("the projection failed after its writes", thrown.getMessage());
    assertNothingOf("acc-gone");

    // a transaction written twice breaks the primary key: the whole unit of work is undone
    DatabaseException duplicate = assertThrows(DatabaseException.class, () -> database.inTransaction(c -> {
      AccountRows rows = repository.accountRows(c);
      repository.accountOpened(rows, opened);
      repository.transactionRecorded(rows, first, firstSeq);
      repository.transactionRecorded(rows, first, firstSeq);
      rows.flush();
      return null;
    }));
    assertNotNull(duplicate.getCause());
    assertNothingOf("acc-gone");
  }

  private void assertNothingOf(String account) {
    assertTrue(queries.account(account).isEmpty(), "no account row");
    assertEquals(0, queries.transactions(account, 0, 10).total());
    assertTrue(queries.positions(account, true).isEmpty(), "no positions");
  }

  private static void assertSame(PositionSummary expected, PositionRow actual) {
    String what = actual.asset() + ": " + actual + " vs " + expected;
    assertEquals(0, expected.quantity().compareTo(actual.quantity()), what);
    assertDecimal(expected.cost(), actual.cost(), what);
    assertDecimal(expected.costInAccount(), actual.costInAccount(), what);
    assertDecimal(expected.realizedInAccount(), actual.realizedInAccount(), what);
    assertEquals(expected.costCurrency() == null ? null : expected.costCurrency().value(), actual.costCurrency(), what);
    assertEquals(expected.lots(), actual.lots(), what);
  }

  private static void assertDecimal(BigDecimal expected, BigDecimal actual, String what) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, what);
    } else {
      assertEquals(0, expected.compareTo(actual), what);
    }
  }

  /** quantity, cost, proceeds, pnl of each realized lot of a transaction, in order. */
  private List<BigDecimal[]> realizedLots(String transactionId) {
    return database.inTransaction(c -> {
      List<BigDecimal[]> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT quantity, cost, proceeds, pnl FROM realized_lots WHERE transaction_id = ? ORDER BY idx")) {
        ps.setString(1, transactionId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)});
          }
        }
      }
      return out;
    });
  }
}
