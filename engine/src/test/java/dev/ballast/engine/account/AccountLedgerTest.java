package dev.ballast.engine.account;

import static dev.ballast.engine.Fixtures.NOW;
import static dev.ballast.engine.Fixtures.accountId;
import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.btc;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.engine.Fixtures.spec;
import static dev.ballast.engine.Fixtures.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger.AccountOpened;
import dev.ballast.engine.account.AccountLedger.BalanceCheck;
import dev.ballast.engine.account.AccountLedger.BalanceDiscrepancyFound;
import dev.ballast.engine.account.AccountLedger.BalancesReported;
import dev.ballast.engine.account.AccountLedger.BatchResult;
import dev.ballast.engine.account.AccountLedger.Command;
import dev.ballast.engine.account.AccountLedger.Duplicate;
import dev.ballast.engine.account.AccountLedger.Event;
import dev.ballast.engine.account.AccountLedger.OpenAccount;
import dev.ballast.engine.account.AccountLedger.OpenResult;
import dev.ballast.engine.account.AccountLedger.State;
import dev.ballast.engine.account.AccountLedger.TransactionRecorded;
import dev.ballast.engine.account.AccountLedger.TransactionsRecorded;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.AccountKind;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountLedgerTest {

  private static ActorTestKit testKit;
  private static EventSourcedBehaviorTestKit<Command, Event, State> ledger;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(Fixtures.testKitConfig());
    ledger =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            AccountLedger.create(accountId(), Fixtures.ledgerSettings()),
            EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    ledger.clear();
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static CommandResultWithReply<Command, Event, State, OpenResult> open(AccountSpec spec) {
    return ledger.runCommand(replyTo -> new AccountLedger.Open(spec, replyTo));
  }

  private static CommandResultWithReply<Command, Event, State, BatchResult> record(Transaction... txs) {
    return ledger.runCommand(replyTo -> new AccountLedger.RecordTransactions(Arrays.asList(txs), replyTo));
  }

  private static CommandResultWithReply<Command, Event, State, AccountLedger.BalanceResult> report(Map<AssetId, BigDecimal> balances) {
    return ledger.runCommand(replyTo -> new AccountLedger.ReportBalances("binance-api", NOW, balances, replyTo));
  }

  /** The field names of a rejection, with their rows, e.g. "2:quantity". */
  private static List<String> rejected(CommandResultWithReply<Command, Event, State, BatchResult> result) {
    assertTrue(result.hasNoEvents(), "a rejected batch persists nothing");
    return invalid(result.reply()).errors().stream().map(e -> e.row() + ":" + e.field()).toList();
  }

  private static dev.ballast.engine.model.CommandError.Invalid invalid(Object reply) {
    assertTrue(reply instanceof AccountLedger.Refused r && r.error() instanceof dev.ballast.engine.model.CommandError.Invalid, String.valueOf(reply));
    return (dev.ballast.engine.model.CommandError.Invalid) ((AccountLedger.Refused) reply).error();
  }

  private static String refusal(Object reply) {
    assertTrue(reply instanceof AccountLedger.Refused, String.valueOf(reply));
    return ((AccountLedger.Refused) reply).error().message() + " " + ((AccountLedger.Refused) reply).error();
  }

  private static void assertAmount(String expected, BigDecimal actual) {
    assertTrue(
        actual != null && new BigDecimal(expected).compareTo(actual) == 0,
        () -> "expected " + expected + " but was " + (actual == null ? null : actual.toPlainString()));
  }

  private static OpenAccount openWithCash() {
    open(spec());
    record(deposit(at(-30), "d0", "10000000", "JPY"));
    return (OpenAccount) ledger.getState();
  }

  // ---- Open -------------------------------------------------------------------------------

  @Test
  void openPersistsAccountOpenedAndRepliesCreated() {
    var result = open(spec());

    assertEquals(new AccountLedger.Opened(accountId(), spec(), true), result.reply());
    assertEquals(new AccountOpened(accountId(), spec(), NOW), result.event());
    OpenAccount state = result.stateOfType(OpenAccount.class);
    assertEquals(spec(), state.spec());
    assertEquals(NOW, state.openedAt());
    assertEquals(0, state.transactions());
    assertTrue(state.book().positions().isEmpty());
    assertEquals(jpy(), state.book().accountCurrency());
  }

  @Test
  void reopeningWithTheSameSpecIsAcknowledgedWithoutAnEvent() {
    open(spec());
    var again = open(spec());

    assertEquals(new AccountLedger.Opened(accountId(), spec(), false), again.reply());
    assertTrue(again.hasNoEvents());
  }

  @Test
  void reopeningWithAnotherSpecIsRejected() {
    open(spec());
    AccountSpec other = new AccountSpec("Other", AccountKind.BROKER, "rakuten", jpy(), TaxWrapper.NISA, false);
    var again = open(other);

    assertTrue(again.reply() instanceof AccountLedger.Refused r && r.error() instanceof dev.ballast.engine.model.CommandError.Conflict,
        again.reply().toString());
    assertTrue(again.hasNoEvents());
    assertEquals(spec(), again.stateOfType(OpenAccount.class).spec());
  }

  // ---- RecordTransactions -----------------------------------------------------------------

  @Test
  void anAcceptedBatchRepliesWithIdsAndPersistsOneEventForItsRows() {
    open(spec());
    var result =
        record(
            deposit(at(-3), "d1", "10000000", "JPY"),
            buy(at(-2), "b1", "0.5", "BTC", "5000000", "JPY"),
            sell(at(-1), "s1", "0.2", "BTC", "6000000", "JPY"));

    assertEquals(new AccountLedger.Recorded(List.of("acc-1/1", "acc-1/2", "acc-1/3"), List.of()), result.reply());
    List<Event> events = result.events();
    assertEquals(1, events.size());
    TransactionsRecorded batch = (TransactionsRecorded) events.get(0);
    assertEquals(NOW, batch.recordedAt());
    assertEquals(List.of("acc-1/1", "acc-1/2", "acc-1/3"), batch.rows().stream().map(TransactionsRecorded.Row::transactionId).toList());
    TransactionsRecorded.Row sale = batch.rows().get(2);
    assertEquals("s1", sale.transaction().externalId());
    // 0.2 BTC of the lot that cost 2,500,000 for 0.5: cost 1,000,000, proceeds 1,200,000
    assertEquals(1, sale.realized().size());
    assertAmount("200000", sale.realized().get(0).pnl());
    // the holdings the batch touched, as they stand after its last row
    assertEquals(List.of(btc(), jpy()), batch.positions().stream().map(p -> p.asset()).sorted().toList());
    assertAmount("0.3", batch.positions().stream().filter(p -> p.asset().equals(btc())).findFirst().orElseThrow().quantity());

    OpenAccount state = result.stateOfType(OpenAccount.class);
    assertEquals(3, state.transactions());
    assertAmount("0.3", state.book().quantity(btc()));
    assertAmount("1500000", state.book().summary(btc()).cost());
    assertAmount("8700000", state.book().quantity(jpy())); // 10,000,000 - 2,500,000 + 1,200,000
    assertEquals(3, state.refs().size());
    assertEquals(2L, state.refs().find(buy("b1", "0.5", "BTC", "5000000", "JPY").ref()).orElseThrow());
  }

  @Test
  void rowsOfABatchAreAppliedInTimeOrder() {
    open(spec());
    // the sale comes first in the batch but last in time: without ordering it would sell what is not held
    var result =
        record(sell(at(-1), "s1", "1", "BTC", "6000000", "JPY"), buy(at(-2), "b1", "1", "BTC", "5000000", "JPY"));

    assertEquals(List.of("acc-1/1", "acc-1/2"), result.replyOfType(AccountLedger.Recorded.class).transactionIds());
    assertEquals("b1", ((TransactionsRecorded) result.events().get(0)).rows().get(0).transaction().externalId());
    assertAmount("1000000", result.stateOfType(OpenAccount.class).book().positions().get(btc()).realizedInAccount());
  }

  @Test
  void aRepeatedBatchIsAcknowledgedWithDuplicatesAndNoEvents() {
    open(spec());
    Transaction d = deposit(at(-3), "d1", "1000000", "JPY");
    Transaction b = buy(at(-2), "b1", "0.1", "BTC", "5000000", "JPY");
    record(d, b);
    State before = ledger.getState();

    var again = record(d, b);

    assertEquals(
        new AccountLedger.Recorded(
            List.of(),
            List.of(new Duplicate(1, "test", "d1", "acc-1/1"), new Duplicate(2, "test", "b1", "acc-1/2"))),
        again.reply());
    assertTrue(again.hasNoEvents());
    assertEquals(before, again.state());
  }

  @Test
  void aPartlyRepeatedBatchRecordsOnlyTheNewRows() {
    open(spec());
    record(deposit(at(-3), "d1", "1000000", "JPY"));

    var result = record(deposit(at(-3), "d1", "1000000", "JPY"), buy(at(-2), "b1", "0.1", "BTC", "5000000", "JPY"));

    assertEquals(
        new AccountLedger.Recorded(List.of("acc-1/2"), List.of(new Duplicate(1, "test", "d1", "acc-1/1"))),
        result.reply());
    assertEquals(1, result.events().size());
    OpenAccount state = result.stateOfType(OpenAccount.class);
    assertEquals(2, state.transactions());
    assertAmount("500000", state.book().quantity(jpy()));
  }

  @Test
  void aRowRepeatedInsideOneBatchIsRecordedOnce() {
    open(spec());
    Transaction d = deposit(at(-3), "d1", "1000", "JPY");

    var result = record(d, d);

    assertEquals(
        new AccountLedger.Recorded(List.of("acc-1/1"), List.of(new Duplicate(2, "test", "d1", "acc-1/1"))), result.reply());
    assertEquals(1, result.events().size());
    assertAmount("1000", result.stateOfType(OpenAccount.class).book().quantity(jpy()));
  }

  @Test
  void anUnknownAssetIsRejected() {
    openWithCash();
    assertEquals(List.of("1:asset"), rejected(record(buy("b1", "1", "DOGE", "20", "JPY"))));
  }

  @Test
  void aNonPositiveQuantityIsRejected() {
    openWithCash();
    assertEquals(List.of("1:quantity"), rejected(record(buy("b1", "0", "BTC", "5000000", "JPY"))));
  }

  @Test
  void sellingMoreThanHeldIsRejected() {
    openWithCash();
    record(buy(at(-2), "b1", "0.1", "BTC", "5000000", "JPY"));

    var result = record(sell(at(-1), "s1", "0.2", "BTC", "5000000", "JPY"));

    assertEquals(List.of("1:quantity"), rejected(result));
    assertAmount("0.1", result.stateOfType(OpenAccount.class).book().quantity(btc()));
  }

  @Test
  void aMarginAccountMaySellShort() {
    ledger.<OpenResult>runCommand(replyTo -> new AccountLedger.Open(Fixtures.marginSpec(), replyTo));

    var result = record(sell(at(-1), "s1", "0.2", "BTC", "5000000", "JPY"));

    assertEquals(List.of("acc-1/1"), result.replyOfType(AccountLedger.Recorded.class).transactionIds());
    assertAmount("-0.2", result.stateOfType(OpenAccount.class).book().quantity(btc()));
  }

  @Test
  void aCurrencyMismatchIsRejectedOnFxRate() {
    openWithCash();
    record(buy(at(-2), "u1", "1000", "USDT", "150", "JPY"));

    assertEquals(List.of("1:fxRate"), rejected(record(buy(at(-1), "b1", "0.01", "BTC", "60000", "USDT"))));
  }

  @Test
  void anFxRateOnAPriceInTheAccountCurrencyIsRejected() {
    openWithCash();
    Transaction tx = trade(TransactionType.BUY, at(-1), "b1", "0.01", "BTC", "5000000", "JPY").fxRate("150").build();
    assertEquals(List.of("1:fxRate"), rejected(record(tx)));
  }

  @Test
  void aTimestampTooFarInTheFutureIsRejected() {
    openWithCash();
    Transaction late = buy(NOW.plus(Duration.ofMinutes(11)), "b1", "0.01", "BTC", "5000000", "JPY");
    Transaction skewed = buy(NOW.plus(Duration.ofMinutes(5)), "b2", "0.01", "BTC", "5000000", "JPY");

    assertEquals(List.of("1:timestamp"), rejected(record(late)));
    assertEquals(List.of("acc-1/2"), record(skewed).replyOfType(AccountLedger.Recorded.class).transactionIds());
  }

  @Test
  void anEmptyBatchIsRejected() {
    open(spec());
    var result = ledger.<BatchResult>runCommand(replyTo -> new AccountLedger.RecordTransactions(List.of(), replyTo));
    assertEquals(List.of("0:transactions"), rejected(result));
  }

  @Test
  void recordingBeforeOpenIsRejected() {
    var result = record(deposit("d1", "1", "JPY"));
    assertTrue(result.hasNoEvents());
    assertEquals(new AccountLedger.Refused(dev.ballast.engine.model.CommandError.NotFound.of("account", accountId().value())), result.reply());
    assertTrue(result.state() instanceof AccountLedger.NotOpened);
  }

  @Test
  void aBatchWithOneBadRowRecordsNothing() {
    OpenAccount before = openWithCash();

    var result =
        record(
            buy(at(-3), "b1", "0.1", "BTC", "5000000", "JPY"),
            buy(at(-2), "b2", "0.1", "BTC", "5000000", "JPY"),
            sell(at(-1), "s1", "5", "BTC", "5000000", "JPY"));

    assertEquals(List.of("3:quantity"), rejected(result));
    assertEquals(before, result.state());
  }

  @Test
  void everyBadRowOfABatchIsReportedInRowOrder() {
    openWithCash();
    var result =
        record(
            buy(at(-3), "b1", "0.1", "DOGE", "5000000", "JPY"),
            buy(at(-2), "b2", "0.1", "BTC", "5000000", "JPY"),
            buy(at(-1), "b3", "-1", "BTC", "5000000", "JPY"));

    assertEquals(List.of("1:asset", "3:quantity"), rejected(result));
  }

  @Test
  void aRepeatedRowDoesNotHideABadRow() {
    openWithCash();
    record(buy(at(-3), "b1", "0.1", "BTC", "5000000", "JPY"));

    var result = record(buy(at(-3), "b1", "0.1", "BTC", "5000000", "JPY"), sell(at(-1), "s1", "1", "BTC", "1", "JPY"));

    assertEquals(List.of("2:quantity"), rejected(result));
  }

  // ---- ReportBalances ---------------------------------------------------------------------

  @Test
  void balancesThatAgreeAreRecordedWithoutDiscrepancy() {
    open(spec());
    record(deposit(at(-2), "d1", "1000000", "JPY"), buy(at(-1), "b1", "0.1", "BTC", "5000000", "JPY"));

    var result = report(Map.of(jpy(), new BigDecimal("500000.00"), btc(), new BigDecimal("0.1")));

    assertEquals(new BalanceCheck(List.of(), false), result.reply());
    assertEquals(1, result.events().size());
    BalancesReported reported = (BalancesReported) result.event();
    assertEquals("binance-api", reported.source());
    assertEquals(NOW, reported.asOf());
    OpenAccount state = result.stateOfType(OpenAccount.class);
    assertAmount("0.1", state.lastReported().get(btc()));
    assertAmount("500000", state.lastReported().get(jpy()));
  }

  @Test
  void aBalanceThatDiffersIsRecordedAsADiscrepancy() {
    open(spec());
    record(deposit(at(-2), "d1", "1000000", "JPY"), buy(at(-1), "b1", "0.1", "BTC", "5000000", "JPY"));

    var result = report(Map.of(jpy(), new BigDecimal("500000"), btc(), new BigDecimal("0.09"), AssetId.of("ETH"), BigDecimal.ONE));

    BalanceCheck check = result.replyOfType(BalanceCheck.class);
    assertEquals(List.of(btc(), AssetId.of("ETH")), check.discrepancies().stream().map(AccountLedger.Discrepancy::asset).toList());
    AccountLedger.Discrepancy btcGap = check.discrepancies().get(0);
    assertAmount("0.1", btcGap.ledgerQuantity());
    assertAmount("0.09", btcGap.reportedQuantity());
    assertAmount("-0.01", btcGap.difference());
    assertEquals(3, result.events().size());
    assertTrue(result.events().get(0) instanceof BalancesReported);
    assertEquals(check.discrepancies(), result.events().subList(1, 3).stream()
        .map(e -> (BalanceDiscrepancyFound) e)
        .map(e -> new AccountLedger.Discrepancy(e.asset(), e.ledgerQuantity(), e.reportedQuantity())).toList());
    // the ledger itself is not changed by what the venue says
    assertAmount("0.1", result.stateOfType(OpenAccount.class).book().quantity(btc()));
  }

  @Test
  void aCompleteReportOmittingAnAssetTheLedgerHoldsComparesItAsZero() {
    open(spec());
    record(deposit(at(-3), "d1", "1000000", "JPY"), buy(at(-2), "b1", "0.1", "BTC", "5000000", "JPY"),
        buy(at(-1), "b2", "2", "ETH", "100000", "JPY"));

    // the venue lists what it holds and leaves out zeros: BTC is omitted, ETH is held but never listed (not compared)
    var result = ledger.<AccountLedger.BalanceResult>runCommand(replyTo -> new AccountLedger.ReportBalances("binance-api", NOW,
        Map.of(jpy(), new BigDecimal("300000")), true, java.util.Set.of(AssetId.of("ETH")), replyTo));

    BalanceCheck check = result.replyOfType(BalanceCheck.class);
    assertEquals(List.of(btc()), check.discrepancies().stream().map(AccountLedger.Discrepancy::asset).toList());
    assertAmount("0.1", check.discrepancies().get(0).ledgerQuantity());
    assertAmount("0", check.discrepancies().get(0).reportedQuantity());
    BalancesReported reported = (BalancesReported) result.events().get(0);
    assertEquals(java.util.Set.of(jpy(), btc()), reported.balances().keySet(), "the omitted asset is recorded as reported zero: the decision's input");
    assertTrue(result.events().get(1) instanceof BalanceDiscrepancyFound);
    assertAmount("0", result.stateOfType(OpenAccount.class).lastReported().get(btc()));

    // a report that is not complete (a statement's partial holdings) compares only what it lists
    var partial = ledger.<AccountLedger.BalanceResult>runCommand(replyTo -> new AccountLedger.ReportBalances("statement", NOW,
        Map.of(jpy(), new BigDecimal("300000")), replyTo));
    assertEquals(List.of(), partial.replyOfType(BalanceCheck.class).discrepancies());
  }

  @Test
  void aReportRepeatedForTheSameInstantRecordsNothingAgain() {
    open(spec());
    record(buy(at(-1), "b1", "0.1", "BTC", "5000000", "JPY"));
    var first = report(Map.of(btc(), new BigDecimal("0.09")));
    assertEquals(2, first.events().size());

    var again = report(Map.of(btc(), new BigDecimal("0.09")));
    assertTrue(again.hasNoEvents());
    assertTrue(again.replyOfType(BalanceCheck.class).alreadyReported());
    assertEquals(NOW, again.stateOfType(OpenAccount.class).reportedAsOf().get("binance-api"));

    var later = ledger.<AccountLedger.BalanceResult>runCommand(replyTo ->
        new AccountLedger.ReportBalances("binance-api", NOW.plusSeconds(60), Map.of(btc(), new BigDecimal("0.1")), replyTo));
    assertFalse(later.replyOfType(BalanceCheck.class).alreadyReported());
    assertEquals(1, later.events().size(), "agrees with the ledger: the report only");
  }

  @Test
  void aBalanceWithoutQuantityIsRefusedNamingTheAsset() {
    open(spec());
    java.util.Map<AssetId, BigDecimal> balances = new java.util.HashMap<>();
    balances.put(btc(), null);
    var result = report(balances);
    assertTrue(result.hasNoEvents());
    assertEquals(List.of("0:balances.BTC"), invalid(result.reply()).errors().stream().map(e -> e.row() + ":" + e.field()).toList());
  }

  @Test
  void balancesWithoutSourceAreRefused() {
    open(spec());
    var result =
        ledger.<AccountLedger.BalanceResult>runCommand(replyTo -> new AccountLedger.ReportBalances(" ", NOW, Map.of(), replyTo));
    assertTrue(result.hasNoEvents());
    assertEquals("source", invalid(result.reply()).errors().get(0).field());
  }

  @Test
  void balancesBeforeOpenAreRefused() {
    var result = report(Map.of(jpy(), BigDecimal.ONE));
    assertTrue(result.hasNoEvents());
    assertTrue(result.reply() instanceof AccountLedger.Refused r && r.error() instanceof dev.ballast.engine.model.CommandError.NotFound,
        refusal(result.reply()));
  }

  // ---- Get --------------------------------------------------------------------------------

  @Test
  void getRepliesWithTheStateAndPersistsNothing() {
    var before = ledger.<State>runCommand(AccountLedger.Get::new);
    assertEquals(new AccountLedger.NotOpened(), before.reply());

    open(spec());
    record(deposit(at(-1), "d1", "1000", "JPY"));
    var after = ledger.<State>runCommand(AccountLedger.Get::new);

    assertTrue(after.hasNoEvents());
    assertEquals(ledger.getState(), after.reply());
    assertAmount("1000", ((OpenAccount) after.reply()).book().quantity(jpy()));
  }

  // ---- recovery ---------------------------------------------------------------------------

  @Test
  void aRestartReplaysTheEventsToTheSameState() {
    open(spec());
    record(
        deposit(at(-4), "d1", "10000000", "JPY"),
        buy(at(-3), "b1", "0.5", "BTC", "5000000", "JPY"),
        buy(at(-2), "b2", "0.5", "BTC", "7000000", "JPY"),
        sell(at(-1), "s1", "0.7", "BTC", "6000000", "JPY"));
    report(Map.of(btc(), new BigDecimal("0.3")));
    State before = ledger.getState();

    State replayed = ledger.restart().state();

    assertEquals(before, replayed);
    // and the refs survive: the same batch again is a duplicate
    assertEquals(1, record(deposit(at(-4), "d1", "10000000", "JPY")).replyOfType(AccountLedger.Recorded.class).duplicates().size());
  }

  @Test
  void errorsNameFieldsTheApiCanShow() {
    openWithCash();
    FieldError error = invalid(record(buy("b1", "1", "DOGE", "20", "JPY")).reply()).errors().get(0);
    assertTrue(error.message().contains("DOGE"), error.message());
  }

  // ---- staged imports ---------------------------------------------------------------------

  private static CommandResultWithReply<Command, Event, State, BatchResult> stage(String importId, int part, boolean last, Transaction... txs) {
    return ledger.runCommand(replyTo -> new AccountLedger.StageTransactions(importId, part, Arrays.asList(txs), last, replyTo));
  }

  @Test
  void stagedPartsAreRecordedAsOneWriteWhenTheLastArrives() {
    openWithCash();
    var first = stage("import-1", 0, false, buy(at(-3), "b1", "0.5", "BTC", "5000000", "JPY"), buy(at(-2), "b2", "0.5", "BTC", "5000000", "JPY"));
    assertEquals(new AccountLedger.Staged("import-1", 0, 2), first.reply());
    assertTrue(first.hasNoEvents(), "nothing is written before the last part");
    assertEquals(1, first.stateOfType(OpenAccount.class).transactions());

    var last = stage("import-1", 1, true, sell(at(-1), "s1", "0.2", "BTC", "6000000", "JPY"));

    assertEquals(List.of("acc-1/2", "acc-1/3", "acc-1/4"), last.replyOfType(AccountLedger.Recorded.class).transactionIds());
    assertEquals(1, last.events().size());
    assertEquals(3, ((TransactionsRecorded) last.events().get(0)).rows().size());
    OpenAccount state = last.stateOfType(OpenAccount.class);
    assertEquals(4, state.transactions());
    assertAmount("0.8", state.book().quantity(btc()));
    // 10,000,000 - 2 x 2,500,000 for the BTC + 1,200,000 for 0.2 of it
    assertAmount("6200000", state.book().quantity(jpy()));
  }

  @Test
  void aRefusedLastPartLeavesNothingOfTheEarlierPartsAndNamesTheRowAcrossParts() {
    openWithCash();
    stage("import-2", 0, false, buy(at(-3), "b1", "0.1", "BTC", "5000000", "JPY"));

    var last = stage("import-2", 1, true, sell(at(-1), "s1", "0.2", "BTC", "6000000", "JPY"));

    assertEquals(List.of("2:quantity"), rejected(last));
    assertEquals(1, last.stateOfType(OpenAccount.class).transactions(), "the first part was not written either");
    assertAmount("0", last.stateOfType(OpenAccount.class).book().quantity(btc()));
    // the staged rows are gone: the same import starts again from its first part
    assertTrue(refusal(stage("import-2", 2, true).reply()).contains("where part 0 was expected"));
  }

  @Test
  void aPartAfterARestartIsRefusedAndNothingOfTheImportIsWritten() {
    openWithCash();
    stage("import-3", 0, false, buy(at(-3), "b1", "0.1", "BTC", "5000000", "JPY"));
    ledger.restart();

    var next = stage("import-3", 1, true, buy(at(-2), "b2", "0.1", "BTC", "5000000", "JPY"));

    assertTrue(next.hasNoEvents());
    assertTrue(refusal(next.reply()).contains("part 1 of import import-3 came where part 0 was expected"), refusal(next.reply()));
    assertEquals(1, next.stateOfType(OpenAccount.class).transactions());
  }

  @Test
  void anotherImportWaitsUntilTheStagedOneEndsOrIsDiscarded() {
    openWithCash();
    stage("import-a", 0, false, buy(at(-3), "b1", "0.1", "BTC", "5000000", "JPY"));

    var other = stage("import-b", 0, true, buy(at(-2), "b2", "0.1", "BTC", "5000000", "JPY"));
    assertTrue(other.hasNoEvents());
    assertTrue(refusal(other.reply()).contains("another import into account acc-1 is in progress"), refusal(other.reply()));

    ledger.runCommand(new AccountLedger.DiscardStaged("import-a"));
    var after = stage("import-b", 0, true, buy(at(-2), "b2", "0.1", "BTC", "5000000", "JPY"));
    assertEquals(List.of("acc-1/2"), after.replyOfType(AccountLedger.Recorded.class).transactionIds());
    assertTrue(refusal(stage("import-a", 1, true).reply()).contains("where part 0 was expected"), "import-a's part was dropped");
  }
}
