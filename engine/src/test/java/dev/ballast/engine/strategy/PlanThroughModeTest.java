package dev.ballast.engine.strategy;

import static dev.ballast.engine.strategy.PlanFixtures.ACCOUNT;
import static dev.ballast.engine.strategy.PlanFixtures.JPY;
import static dev.ballast.engine.strategy.PlanFixtures.config;
import static dev.ballast.engine.strategy.PlanFixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.execution.Side;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.planner.PlannerInputs;
import dev.ballast.engine.planner.TaxModel;
import dev.ballast.engine.planner.VenueRule;
import dev.ballast.engine.strategy.Strategy.Command;
import dev.ballast.engine.strategy.Strategy.Event;
import dev.ballast.engine.strategy.Strategy.State;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A multi-account plan handed to the Strategy entity: journaled as a decision of
 * {@code multi-account-plan} with the planner's inputs and tax model, kept a proposal in a dry run,
 * screened and sent in paper mode, and replayed to the identical plan from the journal.
 */
class PlanThroughModeTest {
  private static final PortfolioId PORTFOLIO = PortfolioId.of("planned");
  private static ActorTestKit testKit;
  private static EventSourcedBehaviorTestKit<Command, Event, State> strategy;
  private static TestProbe<List<OrderIntent>> sent;
  private static final Map<InstrumentId, Quote> LATEST = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(Fixtures.testKitConfig());
    sent = testKit.createTestProbe();
    IntentSink sink = (decisionId, mode, intents) -> {
      sent.getRef().tell(intents);
      return CompletableFuture.completedFuture(null);
    };
    StrategyInputs inputs = (portfolio, config) -> CompletableFuture.failedFuture(new IllegalStateException("no check in this test"));
    strategy = EventSourcedBehaviorTestKit.create(testKit.system(),
        Strategy.create(PORTFOLIO, new Strategy.Settings(Fixtures.clock(), inputs, sink, i -> java.util.Optional.ofNullable(LATEST.get(i)),
            () -> CompletableFuture.completedFuture(false), 100, Fixtures.SLICES)),
        EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    strategy.clear();
    LATEST.put(InstrumentId.of("BTC", "JPY"), Quote.last(InstrumentId.of("BTC", "JPY"), Price.of("12000000", "JPY"), Fixtures.NOW.minusSeconds(1)));
    LATEST.put(InstrumentId.of("VTI", "JPY"), Quote.last(InstrumentId.of("VTI", "JPY"), Price.of("100000", "JPY"), Fixtures.NOW.minusSeconds(1)));
  }

  /** One untaxed account holding 1 BTC at 12M and 40 VTI at 100k; the target is 60% BTC, 40% VTI of 16M. */
  static PolicyContext.Planner planner() {
    Instant opened = Instant.parse("2025-01-01T00:00:00Z");
    var account = new PlannerInputs.AccountState(ACCOUNT, null, "default", Money.of("0", "JPY"),
        List.of(new PlannerInputs.HeldLot(AssetId.of("BTC"), opened, new BigDecimal("1"), Money.of("10000000", "JPY")),
            new PlannerInputs.HeldLot(AssetId.of("VTI"), opened, new BigDecimal("40"), Money.of("3600000", "JPY"))),
        Set.of(AssetId.of("BTC"), AssetId.of("VTI")));
    var inputs = new PlannerInputs(JPY, Map.of(AssetId.of("BTC"), new BigDecimal("0.6"), AssetId.of("VTI"), new BigDecimal("0.4")),
        List.of(account), Map.of("default", new VenueRule("default", BigDecimal.ZERO, Money.of("0", "JPY"), 8)),
        Map.of(AssetId.of("BTC"), Money.of("12000000", "JPY"), AssetId.of("VTI"), Money.of("100000", "JPY")));
    return new PolicyContext.Planner(inputs, TaxModel.japan());
  }

  static StrategyConfig configured(StrategyMode mode) {
    // the venue rule charges no fee, so neither does the risk gate's estimate: the buy spends exactly the sell's proceeds
    return new StrategyConfig(null, config("5", "0", "1000", "0", List.of(rule("BTC", "0.0001"), rule("VTI", "1"))), mode, null,
        StrategyTest.LIMITS);
  }

  static Strategy.RebalanceDecided propose() {
    var reply = strategy.<Strategy.CheckResult>runCommand(r -> new Strategy.ProposePlan(planner(), r)).reply();
    return assertInstanceOf(Strategy.Decided.class, reply, reply::toString).decision();
  }

  static List<String> orders(Strategy.RebalanceDecided d) {
    return d.plan().intents().stream().map(i -> i.intentId() + " " + i.side() + " " + i.quantity().value().toPlainString() + " "
        + i.instrument().base() + " in " + i.account()).toList();
  }

  @Test
  void aDryRunJournalsThePlanAsAProposalAndSendsNothing() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(configured(StrategyMode.DRY_RUN), r));

    Strategy.RebalanceDecided d = propose();

    assertEquals(StrategyPolicy.MULTI_ACCOUNT_NAME, d.policy());
    assertEquals(List.of("planned:1/1 SELL 0.2 BTC in paper", "planned:1/2 BUY 24 VTI in paper"), orders(d));
    assertTrue(d.plan().notes().get(0).startsWith("planned:1/1 SELL 0.2 BTC in paper (tax 0"), d.plan().notes().toString());
    var state = (Strategy.Configured) strategy.getState();
    // a dry run's decision waits for no screening: it stays a proposal
    assertTrue(state.unscreened().isEmpty() && state.undelivered().isEmpty(), state.toString());
    assertEquals(1, state.decisions());
    sent.expectNoMessage(Duration.ofMillis(300));
    DecisionReplay.Explanation again = DecisionReplay.explain(d);
    assertTrue(again.identical(), again.differences().toString());
  }

  @Test
  void paperModeScreensThePlansIntentsAndSendsThem() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(configured(StrategyMode.PAPER), r));

    Strategy.RebalanceDecided d = propose();

    List<OrderIntent> delivered = sent.receiveMessage();
    assertEquals(d.plan().intents(), delivered);
    assertEquals(List.of(Side.SELL, Side.BUY), delivered.stream().map(OrderIntent::side).toList());
    // the strategy's own state is not the plan's: the configured policy keeps what it had
    assertEquals(PolicyState.NONE, ((Strategy.Configured) strategy.getState()).policyState());
  }

  @Test
  void anUnconfiguredStrategyRefusesAPlanAndTheMultiAccountPolicyIsNotConfigurable() {
    var reply = strategy.<Strategy.CheckResult>runCommand(r -> new Strategy.ProposePlan(planner(), r)).reply();
    assertInstanceOf(CommandError.NotFound.class, assertInstanceOf(Strategy.Refused.class, reply).error());
    StrategyConfig asPolicy = new StrategyConfig(StrategyPolicy.MULTI_ACCOUNT_NAME, configured(StrategyMode.DRY_RUN).rebalance(),
        StrategyMode.DRY_RUN, null, null);
    assertEquals("policy", asPolicy.problems().get(0).field());
  }

  @Test
  void anIntentOnAnInstrumentInAnotherCurrencyIsPricedThereAtTheJournaledRateAndReplaysSo() {
    var usdVti = new TradeRule(AssetId.of("VTI"), ACCOUNT, InstrumentId.of("VTI", "USD"), BigDecimal.ONE, BigDecimal.ZERO);
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(new StrategyConfig(null,
        config("5", "0", "1000", "0", List.of(rule("BTC", "0.0001"), usdVti)), StrategyMode.DRY_RUN, null, StrategyTest.LIMITS), r));
    var withRate = new PolicyContext.Planner(planner().inputs(), TaxModel.japan(),
        List.of(new dev.ballast.engine.model.FxRate(AssetId.of("USD"), JPY, new BigDecimal("150"))));

    var reply = strategy.<Strategy.CheckResult>runCommand(r -> new Strategy.ProposePlan(withRate, r)).reply();
    Strategy.RebalanceDecided d = assertInstanceOf(Strategy.Decided.class, reply, reply::toString).decision();

    OrderIntent buy = d.plan().intents().get(1);
    assertEquals(InstrumentId.of("VTI", "USD"), buy.instrument());
    // 100,000 JPY at 150 JPY a dollar
    assertEquals(0, new BigDecimal("666.6666666666667").compareTo(buy.referencePrice().value()), buy.toString());
    assertEquals(AssetId.of("USD"), buy.referencePrice().currency());
    assertEquals(withRate.fx(), d.inputs().fx());
    DecisionReplay.Explanation again = DecisionReplay.explain(d);
    assertTrue(again.identical(), again.differences().toString());
  }

  @Test
  void withoutTheRateTheIntentIsPlannedOnTheBaseCurrencyInstrumentAndTheNoteSaysWhy() {
    var usdVti = new TradeRule(AssetId.of("VTI"), ACCOUNT, InstrumentId.of("VTI", "USD"), BigDecimal.ONE, BigDecimal.ZERO);
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(new StrategyConfig(null,
        config("5", "0", "1000", "0", List.of(rule("BTC", "0.0001"), usdVti)), StrategyMode.DRY_RUN, null, StrategyTest.LIMITS), r));

    Strategy.RebalanceDecided d = propose();

    OrderIntent buy = d.plan().intents().get(1);
    assertEquals(InstrumentId.of("VTI", "JPY"), buy.instrument());
    assertTrue(d.plan().notes().stream().anyMatch(n -> n.equals("no USD/JPY rate for VTI's instrument VTI/USD in paper: planned on VTI/JPY")), d.plan().notes().toString());
  }

  private static Strategy.CheckResult request(String key, String digest) {
    return strategy.<Strategy.CheckResult>runCommand(r -> new Strategy.ProposePlanRequest(key, digest, planner(), Map.of(), r)).reply();
  }

  @Test
  void aPlanRequestRepeatedWithItsKeyDecidesAndSendsOnceEvenAfterARestart() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(configured(StrategyMode.PAPER), r));

    var first = strategy.<Strategy.CheckResult>runCommand(r -> new Strategy.ProposePlanRequest("key-1", "digest-1", planner(), Map.of(), r));
    Strategy.RebalanceDecided d = assertInstanceOf(Strategy.Decided.class, first.reply(), first.reply()::toString).decision();
    // the decision and its key in one write (the screening follows in events of its own)
    assertEquals(List.of(Strategy.RebalanceDecided.class, Strategy.PlanRequestDecided.class),
        first.events().subList(0, 2).stream().map(Object::getClass).toList());
    assertEquals(new Strategy.PlanRequestDecided(PORTFOLIO, "key-1", "digest-1", "planned:1", Fixtures.NOW), first.events().get(1));
    assertEquals(d.plan().intents(), sent.receiveMessage());

    var again = strategy.<Strategy.CheckResult>runCommand(r -> new Strategy.ProposePlanRequest("key-1", "digest-1", planner(), Map.of(), r));
    assertEquals(new Strategy.AlreadyDecided("key-1", "planned:1"), again.reply());
    assertTrue(again.hasNoEvents());

    var other = assertInstanceOf(Strategy.Refused.class, request("key-1", "digest-2"));
    var conflict = assertInstanceOf(CommandError.Conflict.class, other.error());
    assertTrue(conflict.message().contains("idempotency key key-1 was used for another request (decision planned:1)"), conflict.message());

    State recovered = strategy.restart().state();
    assertEquals(Map.of("key-1", new Strategy.PlanRequest("digest-1", "planned:1")), ((Strategy.Configured) recovered).planRequests());
    assertEquals(new Strategy.AlreadyDecided("key-1", "planned:1"), request("key-1", "digest-1"));
    assertEquals(1, ((Strategy.Configured) strategy.getState()).decisions());
    // nothing sent again: not by the repeats, not by the restart (the first delivery was confirmed)
    sent.expectNoMessage(Duration.ofMillis(300));

    // another key is another request: a second decision (its screening counts the first's turnover)
    Strategy.RebalanceDecided second = assertInstanceOf(Strategy.Decided.class, request("key-2", "digest-1")).decision();
    assertEquals("planned:2", second.decisionId());
    assertEquals(2, ((Strategy.Configured) strategy.getState()).decisions());
  }

  @Test
  void aKeyIsLimitedAndOnlyTheLastHundredAreKept() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(configured(StrategyMode.DRY_RUN), r));
    var tooLong = (CommandError.Invalid) assertInstanceOf(Strategy.Refused.class, request("k".repeat(201), "d")).error();
    assertEquals("idempotencyKey", tooLong.errors().get(0).field());
    var control = (CommandError.Invalid) assertInstanceOf(Strategy.Refused.class, request("a\nb", "d")).error();
    assertEquals("idempotencyKey", control.errors().get(0).field());

    for (int i = 0; i <= Strategy.Configured.KEPT_RUNS; i++) {
      assertInstanceOf(Strategy.Decided.class, request("key-" + i, "d"));
    }
    Map<String, Strategy.PlanRequest> kept = ((Strategy.Configured) strategy.getState()).planRequests();
    assertEquals(Strategy.Configured.KEPT_RUNS, kept.size());
    assertTrue(!kept.containsKey("key-0") && kept.containsKey("key-1"), kept.keySet().toString());
  }

  @Test
  void eachPriceIsJournaledAtItsOwnTimeAndAStaleQuoteIsRejectedByTheRiskGate() {
    TestProbe<Event> published = testKit.createTestProbe();
    Map<InstrumentId, Quote> latest = new ConcurrentHashMap<>();
    // the screening reads the latest quotes: BTC's is a day old, VTI's fresh (the limits allow 30 s)
    Instant closed = Fixtures.NOW.minus(Duration.ofDays(1));
    latest.put(InstrumentId.of("BTC", "JPY"), Quote.last(InstrumentId.of("BTC", "JPY"), Price.of("12000000", "JPY"), closed));
    latest.put(InstrumentId.of("VTI", "JPY"), Quote.last(InstrumentId.of("VTI", "JPY"), Price.of("100000", "JPY"), Fixtures.NOW.minusSeconds(1)));
    IntentSink sink = (decisionId, mode, intents) -> {
      sent.getRef().tell(intents);
      return CompletableFuture.completedFuture(null);
    };
    StrategyInputs none = (portfolio, config) -> CompletableFuture.failedFuture(new IllegalStateException("no check in this test"));
    EventSourcedBehaviorTestKit<Command, Event, State> stale = EventSourcedBehaviorTestKit.create(testKit.system(),
        Strategy.create(PortfolioId.of("stale"), new Strategy.Settings(Fixtures.clock(), none, sink, i -> java.util.Optional.ofNullable(latest.get(i)),
            () -> CompletableFuture.completedFuture(false), 100, Fixtures.SLICES, published.getRef()::tell)),
        EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
    stale.<Strategy.Result>runCommand(r -> new Strategy.Configure(configured(StrategyMode.PAPER), r));

    var reply = stale.<Strategy.CheckResult>runCommand(r -> new Strategy.ProposePlanRequest(null, null, planner(),
        Map.of(AssetId.of("BTC"), closed), r)).reply();
    Strategy.RebalanceDecided d = assertInstanceOf(Strategy.Decided.class, reply, reply::toString).decision();

    // the journal says when each price was: BTC's close of yesterday, VTI (no time handed) as of the decision
    Map<AssetId, Instant> at = new java.util.TreeMap<>();
    d.inputs().prices().forEach(p -> at.put(p.instrument().base(), p.at()));
    assertEquals(Map.of(AssetId.of("BTC"), closed, AssetId.of("VTI"), Fixtures.NOW), at);
    assertEquals(d, published.receiveMessage());
    // the sell of BTC is refused on its stale price; the buy it was to pay for then finds no cash
    var screened = assertInstanceOf(Strategy.IntentsScreened.class, published.receiveMessage());
    assertEquals(List.of(), screened.passed());
    assertEquals(List.of(dev.ballast.engine.risk.RiskCheck.STALE_PRICE, dev.ballast.engine.risk.RiskCheck.INSUFFICIENT_CASH),
        screened.rejected().stream().map(dev.ballast.engine.risk.RiskRejection::check).toList());
    assertTrue(screened.rejected().get(0).reason().contains("86400s old (at most 30s)"), screened.rejected().get(0).reason());
    sent.expectNoMessage(Duration.ofMillis(300));
  }

  @Test
  void aPlanWithATargetPlacedInAnAccountIsJournaledWithThePlacementAndReplaysIdentically() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(configured(StrategyMode.DRY_RUN), r));
    PlannerInputs unplaced = planner().inputs();
    // VTI's 40% placed in the one account: the same orders, now journaled with the placement (the test kit checks the round trip)
    PlannerInputs placed = new PlannerInputs(unplaced.baseCurrency(), Map.of(AssetId.of("BTC"), new BigDecimal("0.6")), unplaced.accounts(),
        unplaced.venues(), unplaced.prices(), List.of(new PlannerInputs.Placed(ACCOUNT, AssetId.of("VTI"), new BigDecimal("0.4"))));
    var reply = strategy.<Strategy.CheckResult>runCommand(r -> new Strategy.ProposePlan(new PolicyContext.Planner(placed, TaxModel.japan()), r))
        .reply();
    Strategy.RebalanceDecided d = assertInstanceOf(Strategy.Decided.class, reply, reply::toString).decision();

    assertEquals(List.of("planned:1/1 SELL 0.2 BTC in paper", "planned:1/2 BUY 24 VTI in paper"), orders(d));
    assertEquals(placed, d.inputs().policy().planner().inputs());
    assertTrue(d.plan().notes().get(1).contains("held in paper (the target places it there)"), d.plan().notes().toString());
    DecisionReplay.Explanation again = DecisionReplay.explain(d);
    assertTrue(again.identical(), again.differences().toString());
  }
}
