package dev.ballast.engine.strategy;

import static dev.ballast.engine.strategy.PlanFixtures.JPY;
import static dev.ballast.engine.strategy.PlanFixtures.config;
import static dev.ballast.engine.strategy.PlanFixtures.holding;
import static dev.ballast.engine.strategy.PlanFixtures.price;
import static dev.ballast.engine.strategy.PlanFixtures.rule;
import static dev.ballast.engine.strategy.PlanFixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.strategy.Strategy.Command;
import dev.ballast.engine.strategy.Strategy.Event;
import dev.ballast.engine.strategy.Strategy.State;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.risk.RiskCheck;
import dev.ballast.engine.risk.RiskLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StrategyTest {
  private static final PortfolioId PORTFOLIO = PortfolioId.of("main");
  private static ActorTestKit testKit;
  private static final AtomicReference<PlanInputs> INPUTS = new AtomicReference<>();
  private static final List<List<OrderIntent>> SENT = new CopyOnWriteArrayList<>();
  private static EventSourcedBehaviorTestKit<Command, Event, State> strategy;
  private static TestProbe<List<OrderIntent>> sent;
  private static final AtomicBoolean KILLED = new AtomicBoolean();
  private static final AtomicBoolean SINK_FAILS = new AtomicBoolean();
  private static final AtomicBoolean KILL_SWITCH_SILENT = new AtomicBoolean();
  static final RiskLimits LIMITS =
      new RiskLimits(Money.of("5000000", "JPY"), Money.of("6000000", "JPY"), new BigDecimal("50"), Duration.ofSeconds(30), null);
  private static final Map<InstrumentId, Quote> LATEST = new ConcurrentHashMap<>();

  static PlanInputs drifted() {
    return new PlanInputs(JPY, List.of(holding("BTC", "1"), holding("VTI", "40")),
        List.of(price("BTC", "12000000"), price("VTI", "100000")), List.of(), targets("BTC", 60, "VTI", 40),
        config("5", "10", "1000", "0", List.of(rule("BTC", "0.0001"), rule("VTI", "1"))));
  }

  static StrategyConfig strategyConfig(StrategyMode mode) {
    return new StrategyConfig(null, drifted().config(), mode, null, LIMITS);
  }

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(Fixtures.testKitConfig());
    StrategyInputs inputs = (portfolio, config) -> {
      PlanInputs in = INPUTS.get();
      return in == null
          ? CompletableFuture.failedFuture(new StrategyInputs.StrategyInputsException("no portfolio " + portfolio))
          : CompletableFuture.completedFuture(new PlanInputs(in.baseCurrency(), in.holdings(), in.prices(), in.fx(), in.targets(), config));
    };
    sent = testKit.createTestProbe();
    IntentSink sink = (decisionId, mode, intents) -> {
      if (SINK_FAILS.get()) {
        return CompletableFuture.failedFuture(new IllegalStateException("execution not reachable"));
      }
      SENT.add(intents);
      sent.getRef().tell(intents);
      return CompletableFuture.completedFuture(null);
    };
    LatestPrices prices = i -> java.util.Optional.ofNullable(LATEST.get(i));
    // a kill switch that never answers stands for a node stopped between the decision and its screening
    Strategy.KillSwitchView killSwitch = () -> KILL_SWITCH_SILENT.get() ? new CompletableFuture<>() : CompletableFuture.completedFuture(KILLED.get());
    strategy = EventSourcedBehaviorTestKit.create(testKit.system(),
        Strategy.create(PORTFOLIO, new Strategy.Settings(Fixtures.clock(), inputs, sink, prices, killSwitch, 100, Fixtures.SLICES)),
        EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    strategy.clear();
    SENT.clear();
    INPUTS.set(drifted());
    KILLED.set(false);
    SINK_FAILS.set(false);
    KILL_SWITCH_SILENT.set(false);
    for (PlanInputs.PricePoint p : drifted().prices()) {
      LATEST.put(p.instrument(), Quote.last(p.instrument(), p.price(), Fixtures.NOW.minusSeconds(1)));
    }
  }

  @Test
  void aCheckBeforeConfigurationIsNotFound() {
    var result = strategy.<Strategy.CheckResult>runCommand(Strategy.Check::new);
    assertInstanceOf(CommandError.NotFound.class, ((Strategy.Refused) result.reply()).error());
  }

  @Test
  void configuringTwiceWithTheSameConfigurationChangesNothing() {
    var first = strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(strategyConfig(StrategyMode.DRY_RUN), r));
    var again = strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(strategyConfig(StrategyMode.DRY_RUN), r));

    assertEquals(new Strategy.Accepted(true), first.reply());
    assertInstanceOf(Strategy.StrategyConfigured.class, first.event());
    assertEquals(new Strategy.Accepted(false), again.reply());
    assertTrue(again.hasNoEvents());
  }

  @Test
  void anUnknownPolicyOrATooShortIntervalIsRefusedNamingTheField() {
    var result = strategy.<Strategy.Result>runCommand(
        r -> new Strategy.Configure(new StrategyConfig("momentum", drifted().config(), null, Duration.ofMillis(10), null), r));
    var invalid = (CommandError.Invalid) ((Strategy.Refused) result.reply()).error();
    assertEquals(List.of("policy", "checkInterval"), invalid.errors().stream().map(e -> e.field()).toList());
  }

  @Test
  void aDryRunCheckJournalsTheDecisionWithItsInputsAndSendsNothing() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(strategyConfig(StrategyMode.DRY_RUN), r));

    var result = strategy.<Strategy.CheckResult>runCommand(Strategy.Check::new);

    var decided = ((Strategy.Decided) result.reply()).decision();
    assertEquals("main:1", decided.decisionId());
    assertEquals(StrategyMode.DRY_RUN, decided.mode());
    // the gathered inputs, with the decision's time and the (empty) state the policy started from
    assertEquals(drifted().withPolicy(new PolicyContext(Fixtures.NOW, null, PolicyState.NONE)), decided.inputs());
    assertEquals(RebalancePlanner.plan("main:1", drifted()), decided.plan());
    assertEquals(2, decided.plan().intents().size());
    assertEquals(decided, result.event());
    assertEquals("main:1", ((Strategy.Configured) result.state()).lastDecisionId());
    assertEquals(List.of(), SENT);
  }

  @Test
  void aPaperCheckScreensTheIntentsAndSendsThoseThatPass() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(strategyConfig(StrategyMode.PAPER), r));

    var decided = ((Strategy.Decided) strategy.<Strategy.CheckResult>runCommand(Strategy.Check::new).reply()).decision();

    assertEquals(decided.plan().intents(), sent.receiveMessage());
    var state = (Strategy.Configured) strategy.getState();
    // 2.4M sold and 2.3M bought count toward today's turnover
    assertEquals(0, state.turnoverOn(java.time.LocalDate.of(2026, 1, 1)).compareTo(new BigDecimal("4700000")), state.toString());
  }

  @Test
  void theDailyTurnoverStopsTheSecondDecisionAndTheRejectionIsJournaled() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(strategyConfig(StrategyMode.PAPER), r));
    strategy.<Strategy.CheckResult>runCommand(Strategy.Check::new);
    sent.receiveMessage();

    var second = ((Strategy.Decided) strategy.<Strategy.CheckResult>runCommand(Strategy.Check::new).reply()).decision();

    assertEquals("main:2", second.decisionId());
    assertEquals("main:2/1", second.plan().intents().get(0).intentId());
    sent.expectNoMessage(Duration.ofMillis(300));
    var rejected = screenedOf("main:2").rejected();
    assertEquals(2, rejected.size());
    assertEquals(RiskCheck.DAILY_TURNOVER, rejected.get(0).check());
  }

  @Test
  void anEngagedKillSwitchSendsNothing() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(strategyConfig(StrategyMode.PAPER), r));
    KILLED.set(true);

    strategy.<Strategy.CheckResult>runCommand(Strategy.Check::new);

    sent.expectNoMessage(Duration.ofMillis(300));
    assertTrue(screenedOf("main:1").rejected().stream().allMatch(r -> r.check() == RiskCheck.KILL_SWITCH));
    assertTrue(screenedOf("main:1").passed().isEmpty());
  }

  /** The screening of a decision, once journaled (read back from the journal the test kit keeps). */
  private static Strategy.IntentsScreened screenedOf(String decisionId) {
    var probe = testKit.<Strategy.IntentsScreened>createTestProbe();
    return probe.awaitAssert(Duration.ofSeconds(3), () -> strategy.persistenceTestKit().persistedInStorage(Strategy.persistenceId(PORTFOLIO).id())
        .stream().filter(e -> e instanceof Strategy.IntentsScreened s && s.decisionId().equals(decisionId))
        .map(e -> (Strategy.IntentsScreened) e).findFirst().orElseThrow(() -> new AssertionError("no screening of " + decisionId + " yet")));
  }

  @Test
  void inputsThatCannotBeGatheredAreUnavailableAndJournalNothing() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(strategyConfig(StrategyMode.DRY_RUN), r));
    INPUTS.set(null);

    var result = strategy.<Strategy.CheckResult>runCommand(Strategy.Check::new);

    var error = ((Strategy.Refused) result.reply()).error();
    assertInstanceOf(CommandError.Unavailable.class, error);
    assertTrue(error.message().contains("no portfolio main"), error.message());
    assertTrue(result.hasNoEvents());
  }

  @Test
  void replayingTheEventsGivesTheSameState() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(strategyConfig(StrategyMode.DRY_RUN), r));
    strategy.<Strategy.CheckResult>runCommand(Strategy.Check::new);
    State before = strategy.getState();

    strategy.restart();

    assertEquals(before, strategy.getState());
  }

  @Test
  void aDecisionStoppedBeforeItsScreeningIsScreenedAndSentAfterARestart() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(strategyConfig(StrategyMode.PAPER), r));
    KILL_SWITCH_SILENT.set(true);
    var decided = ((Strategy.Decided) strategy.<Strategy.CheckResult>runCommand(Strategy.Check::new).reply()).decision();
    assertEquals(List.of("main:1"), List.copyOf(((Strategy.Configured) strategy.getState()).unscreened().keySet()));
    KILL_SWITCH_SILENT.set(false);

    strategy.restart();

    assertEquals(decided.plan().intents(), sent.receiveMessage(Duration.ofSeconds(5)));
    awaitDelivered("main:1");
    var state = (Strategy.Configured) strategy.getState();
    assertTrue(state.unscreened().isEmpty() && state.undelivered().isEmpty(), state.toString());
    assertEquals(1, SENT.size());
  }

  @Test
  void intentsTheExecutionsDidNotTakeAreSentAgainUntilTakenAndNotAfter() {
    strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(strategyConfig(StrategyMode.PAPER), r));
    SINK_FAILS.set(true);
    var decided = ((Strategy.Decided) strategy.<Strategy.CheckResult>runCommand(Strategy.Check::new).reply()).decision();
    screenedOf("main:1");
    assertEquals(List.of("main:1"), List.copyOf(((Strategy.Configured) strategy.getState()).undelivered().keySet()));

    strategy.restart();
    SINK_FAILS.set(false);

    // the retry after the failure at recovery sends them
    assertEquals(decided.plan().intents(), sent.receiveMessage(Duration.ofSeconds(5)));
    awaitDelivered("main:1");
    strategy.restart();
    assertTrue(((Strategy.Configured) strategy.getState()).undelivered().isEmpty());
    sent.expectNoMessage(Duration.ofMillis(300));
    assertEquals(1, SENT.size());
  }

  private static void awaitDelivered(String decisionId) {
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
      assertTrue(strategy.persistenceTestKit().persistedInStorage(Strategy.persistenceId(PORTFOLIO).id()).stream()
          .anyMatch(e -> e instanceof Strategy.IntentsDelivered d && d.decisionId().equals(decisionId)), "no delivery of " + decisionId);
      return null;
    });
  }

  @Test
  void aDecisionIdNamesItsPortfolio() {
    assertEquals(PortfolioId.of("my-main"), Strategy.portfolioOf("my-main:12"));
  }
}
