package dev.ballast.engine.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger.BatchResult;
import dev.ballast.engine.account.AccountLedger.Command;
import dev.ballast.engine.account.AccountLedger.Event;
import dev.ballast.engine.account.AccountLedger.OpenAccount;
import dev.ballast.engine.account.AccountLedger.State;
import dev.ballast.engine.account.AccountLedger.TransactionRecorded;
import dev.ballast.engine.ledger.LedgerStep;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.CorporateActionBookings;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A split the price store reports, booked into the AccountLedger entity: once, exactly, and replayed to the same state. */
class SplitBookingLedgerTest {
  static final AssetId TOYOTA = AssetId.of("7203.T");
  static final Instant BEFORE = Instant.parse("2021-09-27T03:00:00Z");
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(Fixtures.testKitConfig());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static EventSourcedBehaviorTestKit<Command, Event, State> ledger(String id) {
    return EventSourcedBehaviorTestKit.create(testKit.system(),
        AccountLedger.create(AccountId.of(id), Fixtures.ledgerSettings(Clock.fixed(Instant.parse("2021-10-05T00:00:00Z"), ZoneOffset.UTC))),
        EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
  }

  private static BatchResult record(EventSourcedBehaviorTestKit<Command, Event, State> l, List<Transaction> rows) {
    return l.<BatchResult>runCommand(r -> new AccountLedger.RecordTransactions(rows, r)).reply();
  }

  private static PositionSummary toyota(EventSourcedBehaviorTestKit<Command, Event, State> l) {
    return ((OpenAccount) l.getState()).book().positions().get(TOYOTA).summary();
  }

  @Test
  void aReportedSplitMultipliesTheUnitsKeepsTheCostAndLandsOnceAndTheSameAfterReplay() {
    EventSourcedBehaviorTestKit<Command, Event, State> l = ledger("split-once");
    l.<AccountLedger.OpenResult>runCommand(r -> new AccountLedger.Open(Fixtures.spec(), r));
    List<Transaction> history = List.of(Fixtures.deposit(BEFORE, "d", "2000000", "JPY"),
        Fixtures.buy(BEFORE.plusSeconds(60), "b1", "60", "7203.T", "10000", "JPY"),
        Fixtures.buy(BEFORE.plusSeconds(120), "b2", "40", "7203.T", "10045", "JPY"));
    assertTrue(record(l, history) instanceof AccountLedger.Recorded);
    BigDecimal costBefore = toyota(l).costInAccount();
    assertEquals(0, new BigDecimal("1001800").compareTo(costBefore));

    CorporateAction.Split split = new CorporateAction.Split(InstrumentId.of("7203.T", "JPY"), LocalDate.parse("2021-09-29"),
        new BigDecimal("5"), BigDecimal.ONE, "split:1632873600");
    CorporateActionBookings.BookSplit book = (CorporateActionBookings.BookSplit)
        CorporateActionBookings.split("yahoo", split, List.of(new ValueHistory.Ledger("split-once", AssetId.of("JPY"), history))).get(0);

    var first = l.<BatchResult>runCommand(r -> new AccountLedger.RecordTransactions(List.of(book.transaction()), r));
    assertEquals(List.of("split-once/4"), ((AccountLedger.Recorded) first.reply()).transactionIds());
    TransactionRecorded event = (TransactionRecorded) first.event();
    assertEquals(List.of(new LedgerStep.LotsSplit(TOYOTA, new BigDecimal("5"))), event.steps());
    PositionSummary after = toyota(l);
    assertEquals(0, new BigDecimal("500").compareTo(after.quantity()));
    assertEquals(0, costBefore.compareTo(after.costInAccount()), "the total cost is unchanged");
    assertEquals(0, new BigDecimal("2003.6").compareTo(after.costInAccount().divide(after.quantity())), "per unit: 1001800 / 500");
    // each lot keeps its cost and takes five times its units: 60 at 10000 -> 300 at 2000
    var lots = ((OpenAccount) l.getState()).book().positions().get(TOYOTA).lots().asList();
    assertEquals(0, new BigDecimal("300").compareTo(lots.get(0).quantity()));
    assertEquals(0, new BigDecimal("600000").compareTo(lots.get(0).costInAccount().amount()));

    // the same split applied again (synced twice): a duplicate, no event
    var again = l.<BatchResult>runCommand(r -> new AccountLedger.RecordTransactions(List.of(book.transaction()), r));
    assertTrue(again.hasNoEvents());
    AccountLedger.Recorded dup = (AccountLedger.Recorded) again.reply();
    assertEquals(List.of(), dup.transactionIds());
    assertEquals("split-once/4", dup.duplicates().get(0).transactionId());

    State before = l.getState();
    l.restart();
    assertEquals(before, l.getState(), "replaying the journal gives the same state");
    assertEquals(0, new BigDecimal("500").compareTo(toyota(l).quantity()));
  }

  @Test
  void aSplitReportedAfterLaterTradesIsPlacedOnItsExDateByReLotting() {
    EventSourcedBehaviorTestKit<Command, Event, State> l = ledger("split-backdated");
    l.<AccountLedger.OpenResult>runCommand(r -> new AccountLedger.Open(Fixtures.spec(), r));
    List<Transaction> history = List.of(Fixtures.deposit(BEFORE, "d", "2000000", "JPY"),
        Fixtures.buy(BEFORE.plusSeconds(60), "b1", "100", "7203.T", "10000", "JPY"),
        // after the ex-date: 50 post-split shares sold at 2000
        Fixtures.sell(Instant.parse("2021-10-01T02:00:00Z"), "s1", "50", "7203.T", "2000", "JPY"));
    // without the split the ledger holds 100 and the sale leaves 50 pre-split units
    assertTrue(record(l, history) instanceof AccountLedger.Recorded);
    CorporateAction.Split split = new CorporateAction.Split(InstrumentId.of("7203.T", "JPY"), LocalDate.parse("2021-09-29"),
        new BigDecimal("5"), BigDecimal.ONE, "split:1632873600");
    CorporateActionBookings.BookSplit book = (CorporateActionBookings.BookSplit)
        CorporateActionBookings.split("yahoo", split, List.of(new ValueHistory.Ledger("split-backdated", AssetId.of("JPY"), history))).get(0);
    var result = l.<BatchResult>runCommand(r -> new AccountLedger.RecordTransactions(List.of(book.transaction()), r));
    AccountLedger.Recorded recorded = (AccountLedger.Recorded) result.reply();
    assertTrue(recorded.relotted());
    assertTrue(result.event() instanceof AccountLedger.LedgerRestated);
    PositionSummary after = toyota(l);
    assertEquals(0, new BigDecimal("450").compareTo(after.quantity()), "100 x 5 - 50");
    assertEquals(0, new BigDecimal("900000").compareTo(after.costInAccount()), "1000000 x 450 / 500");
    State before = l.getState();
    l.restart();
    assertEquals(before, l.getState());
  }
}
