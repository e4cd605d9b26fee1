package dev.ballast.engine.account;

import static dev.ballast.engine.Fixtures.NOW;
import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.btc;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.engine.Fixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger.Command;
import dev.ballast.engine.account.AccountLedger.Event;
import dev.ballast.engine.account.AccountLedger.OpenAccount;
import dev.ballast.engine.account.AccountLedger.State;
import dev.ballast.engine.ledger.Lot;
import dev.ballast.engine.ledger.Position;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batches older than rows already recorded: FIFO follows the trade time, so importing an old
 * statement after a newer one gives the same positions and realized P&L as importing them in order.
 */
class BackdatedBatchesTest {
  private static final AtomicInteger ACCOUNTS = new AtomicInteger();
  private static ActorTestKit testKit;

  @BeforeAll
  @BeforeContainer
  static void start() {
    if (testKit == null) {
      testKit = ActorTestKit.create(Fixtures.testKitConfig());
    }
  }

  @AfterAll
  @AfterContainer
  static void stop() {
    if (testKit != null) {
      testKit.shutdownTestKit();
      testKit = null;
    }
  }

  private static EventSourcedBehaviorTestKit<Command, Event, State> newLedger(AccountSpec spec) {
    AccountId id = AccountId.of("backdated-" + ACCOUNTS.incrementAndGet());
    EventSourcedBehaviorTestKit<Command, Event, State> ledger = EventSourcedBehaviorTestKit.create(
        testKit.system(), AccountLedger.create(id, Fixtures.ledgerSettings()),
        EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
    ledger.<AccountLedger.OpenResult>runCommand(r -> new AccountLedger.Open(spec, r));
    return ledger;
  }

  private static CommandResultWithReply<Command, Event, State, AccountLedger.BatchResult> record(
      EventSourcedBehaviorTestKit<Command, Event, State> ledger, List<Transaction> txs) {
    return ledger.runCommand(r -> new AccountLedger.RecordTransactions(txs, r));
  }

  // ---- examples ---------------------------------------------------------------------------

  @Test
  void anOlderBuyRecordedLaterBecomesTheOldestLot() {
    var ledger = newLedger(spec());
    record(ledger, List.of(deposit(at(-30), "d1", "10000000", "JPY"), buy(at(-2), "b2", "1", "BTC", "6000000", "JPY")));

    var older = record(ledger, List.of(buy(at(-5), "b1", "1", "BTC", "4000000", "JPY")));

    AccountLedger.Recorded recorded = older.replyOfType(AccountLedger.Recorded.class);
    assertTrue(recorded.relotted());
    assertEquals(1, older.events().size());
    AccountLedger.LedgerRestated restated = (AccountLedger.LedgerRestated) older.event();
    assertEquals(at(-5), restated.from());
    assertEquals(at(-2), restated.latest());
    Position btc = older.stateOfType(OpenAccount.class).book().positions().get(btc());
    assertEquals(List.of(at(-5), at(-2)), btc.lots().asList().stream().map(Lot::openedAt).toList());

    // a sale now closes the lot bought at -5 first: cost 4,000,000
    var sale = record(ledger, List.of(sell(at(-1), "s1", "1", "BTC", "7000000", "JPY")));
    AccountLedger.TransactionRecorded sold = (AccountLedger.TransactionRecorded) sale.event();
    assertEquals(0, new BigDecimal("3000000").compareTo(sold.realized().get(0).pnl()));
  }

  @Test
  void anOlderSaleIsMatchedAgainstTheLotsHeldAtItsTimeAndItsRealizedLotsAreRestated() {
    var ledger = newLedger(spec());
    record(ledger, List.of(
        deposit(at(-30), "d1", "20000000", "JPY"),
        buy(at(-10), "b1", "1", "BTC", "4000000", "JPY"),
        buy(at(-2), "b2", "1", "BTC", "6000000", "JPY")));

    var older = record(ledger, List.of(sell(at(-5), "s1", "1", "BTC", "5000000", "JPY")));

    AccountLedger.LedgerRestated restated = (AccountLedger.LedgerRestated) older.event();
    assertEquals(1, restated.realized().size());
    assertEquals(at(-10), restated.realized().get(0).openedAt(), "the sale at -5 closes the lot of -10, not the later one");
    assertEquals(0, new BigDecimal("1000000").compareTo(restated.realized().get(0).pnl()));
    OpenAccount state = older.stateOfType(OpenAccount.class);
    assertEquals(4, state.transactions());
    assertEquals(List.of(at(-2)), state.book().positions().get(btc()).lots().asList().stream().map(Lot::openedAt).toList());
  }

  @Test
  void anOlderSaleThatWouldLeaveALaterOneShortIsRefusedNamingTheRowAndTheTransaction() {
    var ledger = newLedger(spec());
    record(ledger, List.of(buy(at(-10), "b1", "1", "BTC", "4000000", "JPY"), sell(at(-2), "s2", "1", "BTC", "6000000", "JPY")));
    State before = ledger.getState();

    var older = record(ledger, List.of(sell(at(-5), "s1", "0.5", "BTC", "5000000", "JPY")));

    assertTrue(older.hasNoEvents());
    AccountLedger.Refused refused = older.replyOfType(AccountLedger.Refused.class);
    FieldError error = ((CommandError.Invalid) refused.error()).errors().get(0);
    assertEquals(1, error.row());
    assertEquals("timestamp", error.field());
    assertTrue(error.message().contains("test:s2"), error.message());
    assertEquals(before, ledger.getState());
  }

  @Test
  void aRestartReplaysARestatementToTheSameState() {
    var ledger = newLedger(spec());
    record(ledger, List.of(deposit(at(-30), "d1", "10000000", "JPY"), buy(at(-2), "b2", "1", "BTC", "6000000", "JPY")));
    record(ledger, List.of(buy(at(-5), "b1", "0.5", "BTC", "4000000", "JPY")));
    record(ledger, List.of(sell(at(-1), "s1", "1", "BTC", "7000000", "JPY")));
    State before = ledger.getState();

    assertEquals(before, ledger.restart().state());
    // and every row is known after the restart: the older batch again is a duplicate
    var again = record(ledger, List.of(buy(at(-5), "b1", "0.5", "BTC", "4000000", "JPY")));
    assertTrue(again.hasNoEvents());
    assertEquals(1, again.replyOfType(AccountLedger.Recorded.class).duplicates().size());
  }

  @Test
  void theSameIdTwiceInOneBatchWithOtherContentIsRefusedNamingBothRows() {
    var ledger = newLedger(spec());
    var result = record(ledger, List.of(deposit(at(-3), "d1", "100", "JPY"), deposit(at(-3), "d1", "200", "JPY")));
    assertTrue(result.hasNoEvents());
    FieldError error = ((CommandError.Invalid) result.replyOfType(AccountLedger.Refused.class).error()).errors().get(0);
    assertEquals(2, error.row());
    assertEquals("externalId", error.field());
    assertTrue(error.message().contains("row 1"), error.message());
  }

  @Test
  void theSameRowTwiceInOneBatchIsRecordedOnceAndReportedAsADuplicate() {
    var ledger = newLedger(spec());
    Transaction d = deposit(at(-3), "d1", "100", "JPY");
    var result = record(ledger, List.of(d, d));
    AccountLedger.Recorded recorded = result.replyOfType(AccountLedger.Recorded.class);
    assertEquals(1, recorded.transactionIds().size());
    assertEquals(List.of(new AccountLedger.Duplicate(2, "test", "d1", recorded.transactionIds().get(0))), recorded.duplicates());
    assertEquals(1, result.events().size());
  }

  // ---- the property -----------------------------------------------------------------------

  /**
   * A history of trades at distinct instants, cut into batches: recorded in any order, the batches
   * end in the same holdings, lots and realized P&L. The account allows short positions, so every
   * order of the batches is valid at every step.
   */
  @Property(tries = 40)
  void anyOrderOfTheSameBatchesEndsInTheSameState(@ForAll("batched") List<List<Transaction>> batches, @ForAll java.util.Random random) {
    List<List<Transaction>> shuffled = new ArrayList<>(batches);
    java.util.Collections.shuffle(shuffled, random);

    Map<String, Object> inOrder = canonical(recordAll(batches));
    Map<String, Object> anyOrder = canonical(recordAll(shuffled));

    if (!inOrder.equals(anyOrder)) {
      throw new AssertionError("in order:\n" + inOrder + "\nin the order " + shuffled + ":\n" + anyOrder);
    }
  }

  private static OpenAccount recordAll(List<List<Transaction>> batches) {
    var ledger = newLedger(Fixtures.marginSpec());
    for (List<Transaction> batch : batches) {
      var result = record(ledger, batch);
      if (!(result.reply() instanceof AccountLedger.Recorded)) {
        throw new AssertionError("refused " + batch + ": " + result.reply());
      }
    }
    return (OpenAccount) ledger.getState();
  }

  /** The state without transaction ids, which follow the recording order by design. */
  private static Map<String, Object> canonical(OpenAccount state) {
    Map<String, Object> out = new TreeMap<>();
    out.put("transactions", state.transactions());
    out.put("refs", state.refs().size());
    out.put("latest", state.latest());
    state.book().cash().forEach((c, v) -> out.put("cash " + c, v.stripTrailingZeros()));
    state.book().fees().forEach((c, v) -> out.put("fees " + c, v.stripTrailingZeros()));
    state.book().positions().forEach((asset, p) -> {
      out.put(asset + " quantity", p.quantity().stripTrailingZeros());
      out.put(asset + " realized", p.realizedInAccount().stripTrailingZeros());
      out.put(asset + " lots", p.lots().asList().stream()
          .map(l -> l.openedAt() + " " + l.quantity().stripTrailingZeros() + " " + l.costCurrency() + " "
              + (l.cost() == null ? null : l.cost().amount().stripTrailingZeros()))
          .toList());
    });
    return out;
  }

  @Provide
  Arbitrary<List<List<Transaction>>> batched() {
    Arbitrary<String> asset = Arbitraries.of("BTC", "ETH");
    Arbitrary<Boolean> isBuy = Arbitraries.of(true, true, false);
    Arbitrary<Integer> hundredths = Arbitraries.integers().between(1, 500);
    Arbitrary<Integer> price = Arbitraries.integers().between(1, 9_000);
    Arbitrary<Integer> fee = Arbitraries.integers().between(0, 30);
    Arbitrary<int[]> row = Combinators.combine(isBuy, asset, hundredths, price, fee)
        .as((b, a, q, p, f) -> new int[] {b ? 1 : 0, a.equals("BTC") ? 0 : 1, q, p, f});
    return row.list().ofMinSize(2).ofMaxSize(12).flatMap(rows -> {
      List<Transaction> txs = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        int[] r = rows.get(i);
        var builder = Fixtures.trade(
            r[0] == 1 ? dev.ballast.engine.model.TransactionType.BUY : dev.ballast.engine.model.TransactionType.SELL,
            NOW.minus(Duration.ofHours(100 - i)), "t" + i, BigDecimal.valueOf(r[2], 2).toPlainString(),
            r[1] == 0 ? "BTC" : "ETH", String.valueOf(r[3] * 1000), "JPY");
        if (r[4] > 0) {
          builder.fee(String.valueOf(r[4]), "JPY");
        }
        txs.add(builder.build());
      }
      return Arbitraries.integers().between(1, txs.size()).list().ofSize(3).map(cuts -> {
        List<Integer> points = new ArrayList<>(new java.util.TreeSet<>(cuts));
        List<List<Transaction>> batches = new ArrayList<>();
        int from = 0;
        for (int cut : points) {
          if (cut > from) {
            batches.add(List.copyOf(txs.subList(from, cut)));
            from = cut;
          }
        }
        if (from < txs.size()) {
          batches.add(List.copyOf(txs.subList(from, txs.size())));
        }
        return batches;
      });
    });
  }


}
