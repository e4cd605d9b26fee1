package dev.ballast.engine.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.strategy.OrderIntent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Execution entity on the simulated venue: orders once, fills into the ledger once, reconciled after a restart. */
class ExecutionTest {
  private static final InstrumentId BTC = InstrumentId.of("BTC", "JPY");
  private static final InstrumentId VTI = InstrumentId.of("VTI", "JPY");
  private static ActorTestKit testKit;

  /** A ledger that keeps one transaction per external id, as the AccountLedger does, and counts the calls. */
  static final class Ledger implements LedgerPort {
    final Map<String, Transaction> byRef = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public CompletionStage<Void> record(AccountId account, Transaction transaction) {
      calls.incrementAndGet();
      byRef.putIfAbsent(transaction.externalId(), transaction);
      return CompletableFuture.completedFuture(null);
    }
  }

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(Fixtures.testKitConfig());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static OrderIntent intent(AccountId account, String id, InstrumentId instrument, Side side, String quantity, String price) {
    return new OrderIntent(id, account, instrument, side, Quantity.of(quantity), Price.of(price, "JPY"),
        Money.of(new BigDecimal(quantity).multiply(new BigDecimal(price)).toPlainString(), "JPY"));
  }

  private static ActorRef<Execution.Command> spawn(AccountId account, VenueGateway venue, LedgerPort ledger) {
    return testKit.spawn(Execution.create(account,
        new Execution.Settings(Fixtures.clock(), a -> venue, ledger, Duration.ofMillis(50), 100, Fixtures.SLICES)));
  }

  private static Execution.State awaitState(ActorRef<Execution.Command> execution, java.util.function.Predicate<Execution.State> done) {
    TestProbe<Execution.State> probe = testKit.createTestProbe();
    return probe.awaitAssert(Duration.ofSeconds(5), () -> {
      execution.tell(new Execution.Get(probe.getRef()));
      Execution.State s = probe.receiveMessage();
      assertTrue(done.test(s), "not yet: " + s);
      return s;
    });
  }

  private static Execution.Ack submit(ActorRef<Execution.Command> execution, String decision, List<OrderIntent> intents) {
    TestProbe<Execution.Ack> ack = testKit.createTestProbe();
    execution.tell(new Execution.SubmitIntents(decision, intents, ack.getRef()));
    return ack.receiveMessage(Duration.ofSeconds(5));
  }

  private static boolean allFilledAndRecorded(Execution.State s, int orders) {
    return s.orders().size() == orders && s.orders().values().stream().allMatch(o -> o.status() == Execution.Status.FILLED)
        && s.unrecorded().isEmpty();
  }

  private static Quote quote(InstrumentId instrument, String bid, String ask) {
    return new Quote(instrument, Price.of(bid, "JPY"), Price.of(ask, "JPY"), null, Fixtures.NOW);
  }

  @Test
  void intentsBecomeOrdersOnceAndTheirFillsReachTheLedgerWithTheirSlippage() {
    AccountId account = AccountId.of("paper-1");
    SimulatedVenue venue = new SimulatedVenue(new SimulatedVenue.Settings("paper", new BigDecimal("10"), new BigDecimal("5"),
        Duration.ofMillis(20), BigDecimal.ONE, new BigDecimal("0.0001")), Fixtures.clock());
    venue.onQuote(quote(BTC, "11990000", "12010000"));
    venue.onQuote(quote(VTI, "99900", "100100"));
    Ledger ledger = new Ledger();
    var execution = spawn(account, venue, ledger);
    List<OrderIntent> intents = List.of(intent(account, "main:1/1", BTC, Side.SELL, "0.2", "12000000"),
        intent(account, "main:1/2", VTI, Side.BUY, "23", "100000"));

    assertEquals(new Execution.Ack(2, 0), submit(execution, "main:1", intents));
    Execution.State state = awaitState(execution, s -> allFilledAndRecorded(s, 2));
    assertEquals(new Execution.Ack(0, 2), submit(execution, "main:1", intents));

    assertEquals(2, venue.ordersPlaced());
    assertEquals(2, ledger.byRef.size());
    Execution.OrderRecord sell = state.order(intents.get(0).clientOrderId());
    Transaction tx = ledger.byRef.get(sell.fillIds().get(0));
    assertEquals("execution", tx.source());
    // bid 11,990,000 less 5 bps
    assertEquals(0, tx.price().value().compareTo(new BigDecimal("11984005")));
    assertTrue(tx.note().contains("intended 12000000 JPY"), tx.note());
  }

  @Test
  void aRestartAfterSubmittingAndBeforeTheFillsIsReconciledWithoutASecondOrder() {
    AccountId account = AccountId.of("paper-2");
    SimulatedVenue venue = new SimulatedVenue(SimulatedVenue.Settings.instant("paper"), Fixtures.clock());
    Ledger ledger = new Ledger();
    var execution = spawn(account, venue, ledger);
    List<OrderIntent> intents = List.of(intent(account, "main:2/1", BTC, Side.BUY, "0.1", "12000000"));
    submit(execution, "main:2", intents);
    awaitState(execution, s -> s.open().size() == 1 && s.open().get(0).status() == Execution.Status.SUBMITTED);
    testKit.stop(execution);

    venue.onQuote(quote(BTC, "11990000", "12010000"));
    var again = spawn(account, venue, ledger);
    assertEquals(new Execution.Ack(0, 1), submit(again, "main:2", intents));
    awaitState(again, s -> allFilledAndRecorded(s, 1));

    assertEquals(1, venue.ordersPlaced());
    assertEquals(1, ledger.byRef.size());
  }

  @Test
  void anIntentAcceptedAndNeverSentIsSentOnceAfterARestart() {
    AccountId account = AccountId.of("paper-3");
    SimulatedVenue venue = new SimulatedVenue(SimulatedVenue.Settings.instant("paper"), Fixtures.clock());
    venue.onQuote(quote(BTC, "11990000", "12010000"));
    AtomicReference<Boolean> hang = new AtomicReference<>(true);
    // the first node stops before the venue answers: the submit never completes and never reaches it
    VenueGateway lost = new VenueGateway() {
      public String venue() { return "paper"; }
      public CompletionStage<Order> submit(OrderRequest r) { return hang.get() ? new CompletableFuture<>() : venue.submit(r); }
      public CompletionStage<Order> cancel(InstrumentId i, ClientOrderId id) { return venue.cancel(i, id); }
      public CompletionStage<Optional<Order>> order(InstrumentId i, ClientOrderId id) { return venue.order(i, id); }
      public CompletionStage<List<Order>> openOrders() { return venue.openOrders(); }
      public CompletionStage<List<Fill>> fillsSince(Set<InstrumentId> i, java.time.Instant since) { return venue.fillsSince(i, since); }
    };
    Ledger ledger = new Ledger();
    var execution = spawn(account, lost, ledger);
    submit(execution, "main:3", List.of(intent(account, "main:3/1", BTC, Side.BUY, "0.1", "12000000")));
    awaitState(execution, s -> s.open().size() == 1 && s.open().get(0).status() == Execution.Status.ACCEPTED);
    testKit.stop(execution);

    hang.set(false);
    var again = spawn(account, lost, ledger);
    awaitState(again, s -> allFilledAndRecorded(s, 1));
    assertEquals(1, venue.ordersPlaced());
    assertEquals(1, ledger.byRef.size());
  }

  @Test
  void cancelAllCancelsTheOpenOrdersAtTheVenue() {
    AccountId account = AccountId.of("paper-4");
    SimulatedVenue venue = new SimulatedVenue(SimulatedVenue.Settings.instant("paper"), Fixtures.clock());
    var execution = spawn(account, venue, new Ledger());
    submit(execution, "main:4", List.of(intent(account, "main:4/1", BTC, Side.BUY, "0.1", "12000000")));
    awaitState(execution, s -> s.open().size() == 1 && s.open().get(0).status() == Execution.Status.SUBMITTED);

    TestProbe<Execution.Ack> ack = testKit.createTestProbe();
    execution.tell(new Execution.CancelAll("kill switch: test", ack.getRef()));
    assertEquals(new Execution.Ack(1, 0), ack.receiveMessage());
    awaitState(execution, s -> s.open().isEmpty());
    assertEquals(List.of(), venue.openOrders().toCompletableFuture().join());
  }
}
