package dev.ballast.engine.account;

import static dev.ballast.engine.Fixtures.NOW;
import static dev.ballast.engine.Fixtures.accountId;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.engine.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger.Command;
import dev.ballast.engine.account.AccountLedger.Event;
import dev.ballast.engine.account.AccountLedger.OpenAccount;
import dev.ballast.engine.account.AccountLedger.State;
import dev.ballast.engine.account.AccountLedger.TransactionRecorded;
import dev.ballast.engine.account.AccountLedger.TransactionsRecorded;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.model.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch of more than one row is journaled as {@link TransactionsRecorded} events of at most
 * {@link AccountLedger#ROWS_PER_EVENT} rows, in one write; a journal of the per-row events written
 * before them still replays, alone and followed by batch events.
 */
class BatchEventsTest {
  private static ActorTestKit testKit;
  private static EventSourcedBehaviorTestKit<Command, Event, State> ledger;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(Fixtures.testKitConfig());
    ledger = EventSourcedBehaviorTestKit.create(testKit.system(), AccountLedger.create(accountId(), Fixtures.ledgerSettings()),
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

  private static EventSourcedBehaviorTestKit.CommandResultWithReply<Command, Event, State, AccountLedger.BatchResult> record(
      List<Transaction> rows) {
    return ledger.runCommand(replyTo -> new AccountLedger.RecordTransactions(rows, replyTo));
  }

  /** A deposit of yen, then {@code trades} buys and sells of BTC, one a second, ending a minute before NOW. */
  private static List<Transaction> rows(String prefix, int trades, int offsetSeconds) {
    List<Transaction> rows = new ArrayList<>();
    int start = offsetSeconds + trades + 60;
    rows.add(deposit(NOW.minusSeconds(start + 1), prefix + "d", "100000000", "JPY"));
    for (int i = 0; i < trades; i++) {
      String price = String.valueOf(5_000_000 + (i % 7) * 1000);
      rows.add(i % 3 == 2
          ? sell(NOW.minusSeconds(start - i), prefix + i, "0.001", "BTC", price, "JPY")
          : buy(NOW.minusSeconds(start - i), prefix + i, "0.002", "BTC", price, "JPY"));
    }
    return rows;
  }

  @Test
  void aBatchOfOneRowIsOneTransactionRecorded() {
    ledger.<AccountLedger.OpenResult>runCommand(replyTo -> new AccountLedger.Open(spec(), replyTo));

    var result = record(List.of(deposit("d1", "1000", "JPY")));

    assertEquals(1, result.events().size());
    TransactionRecorded event = assertInstanceOf(TransactionRecorded.class, result.events().get(0));
    assertEquals("acc-1/1", event.transactionId());
  }

  @Test
  void aBatchLargerThanAnEventHoldsIsWrittenAsSeveralBatchEventsInOneWriteAndReplaysTheSame() {
    ledger.<AccountLedger.OpenResult>runCommand(replyTo -> new AccountLedger.Open(spec(), replyTo));
    int size = 2 * AccountLedger.ROWS_PER_EVENT + 1;
    List<Transaction> rows = rows("a", size - 1, 0);

    var result = record(rows);

    AccountLedger.Recorded recorded = result.replyOfType(AccountLedger.Recorded.class);
    assertEquals(size, recorded.transactionIds().size());
    assertEquals(3, result.events().size());
    List<String> ids = new ArrayList<>();
    LedgerBook book = LedgerBook.empty(jpy(), false);
    for (Event event : result.events()) {
      TransactionsRecorded batch = assertInstanceOf(TransactionsRecorded.class, event);
      assertEquals(NOW, batch.recordedAt());
      Map<String, PositionSummary> touched = new TreeMap<>();
      for (TransactionsRecorded.Row row : batch.rows()) {
        ids.add(row.transactionId());
        LedgerBook.Applied applied = book.apply(row.transactionId(), row.transaction());
        assertEquals(applied.steps(), row.steps(), "the steps are what the rules decided for " + row.transactionId());
        book = applied.book();
        applied.touched().forEach(p -> touched.put(p.asset().value(), p));
      }
      // each event names every holding its rows touched, as it stands after its last row
      Map<String, PositionSummary> named = new TreeMap<>();
      batch.positions().forEach(p -> named.put(p.asset().value(), p));
      assertEquals(touched, named);
      for (PositionSummary p : batch.positions()) {
        assertEquals(book.summary(p.asset()), p);
      }
    }
    assertEquals(List.of(AccountLedger.ROWS_PER_EVENT, AccountLedger.ROWS_PER_EVENT, 1),
        result.events().stream().map(e -> ((TransactionsRecorded) e).rows().size()).toList());
    assertEquals(recorded.transactionIds(), ids);
    OpenAccount state = result.stateOfType(OpenAccount.class);
    assertEquals(size, state.transactions());
    assertEquals(book, state.book());

    var restarted = ledger.restart();

    assertEquals(state, restarted.state(), "the batch events replay to the state they were written from");
    var again = record(rows);
    assertTrue(again.hasNoEvents());
    assertEquals(size, again.replyOfType(AccountLedger.Recorded.class).duplicates().size());
  }

  @Test
  void aJournalWrittenOneEventPerRowReplaysAndTakesBatchEventsAfterIt() {
    // the journal as the ledger wrote it before batch events: one TransactionRecorded per row
    List<Transaction> old = rows("o", 30, 1_000);
    List<Event> written = new ArrayList<>();
    written.add(new AccountLedger.AccountOpened(accountId(), spec(), NOW));
    LedgerBook book = LedgerBook.empty(jpy(), false);
    for (int i = 0; i < old.size(); i++) {
      String id = "acc-1/" + (i + 1);
      LedgerBook.Applied applied = book.apply(id, old.get(i));
      book = applied.book();
      written.add(TransactionRecorded.of(accountId(), id, NOW, old.get(i), applied));
    }
    State perRow = new AccountLedger.NotOpened();
    for (Event e : written) {
      perRow = AccountLedger.applyEvent(perRow, e);
    }
    ledger.initialize(written.toArray());
    assertEquals(perRow, ledger.getState(), "a journal of per-row events replays as before");

    List<Transaction> later = rows("n", 20, 0);
    var result = record(later);

    assertEquals(1, result.events().size());
    TransactionsRecorded batch = assertInstanceOf(TransactionsRecorded.class, result.events().get(0));
    assertEquals("acc-1/" + (old.size() + 1), batch.rows().get(0).transactionId());
    // the same rows recorded the old way, one event each, give the same state
    State expected = perRow;
    for (int i = 0; i < later.size(); i++) {
      String id = "acc-1/" + (old.size() + i + 1);
      LedgerBook.Applied applied = book.apply(id, later.get(i));
      book = applied.book();
      expected = AccountLedger.applyEvent(expected, TransactionRecorded.of(accountId(), id, NOW, later.get(i), applied));
    }
    assertEquals(expected, result.state());
    assertEquals(expected, ledger.restart().state(), "a journal of per-row events followed by a batch event replays to the same state");
    var repeat = record(List.of(old.get(3)));
    assertTrue(repeat.hasNoEvents(), "a row of the per-row journal is still known by its source and external id");
    assertEquals("acc-1/4", repeat.replyOfType(AccountLedger.Recorded.class).duplicates().get(0).transactionId());
  }
}
