package dev.ballast.engine.strategy;

import static dev.ballast.engine.strategy.PlanFixtures.JPY;
import static dev.ballast.engine.strategy.PlanFixtures.config;
import static dev.ballast.engine.strategy.PlanFixtures.holding;
import static dev.ballast.engine.strategy.PlanFixtures.price;
import static dev.ballast.engine.strategy.PlanFixtures.rule;
import static dev.ballast.engine.strategy.PlanFixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.strategy.Strategy.Command;
import dev.ballast.engine.strategy.Strategy.Event;
import dev.ballast.engine.strategy.Strategy.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A durable job's run id as the idempotency key of a strategy check (issue 14): a retried run decides once. */
class StrategyJobRunTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static StrategyFixture fixture;
  private static EventSourcedBehaviorTestKit<Command, Event, State> paper;
  private static EventSourcedBehaviorTestKit<Command, Event, State> dca;

  @BeforeAll
  static void start() {
    fixture = new StrategyFixture(T0);
    Strategy.Settings settings = fixture.settings(fixture.recordingSink());
    paper = fixture.entity("paper-pf", settings);
    dca = fixture.entity("dca-pf", settings);
  }

  @AfterAll
  static void stop() {
    fixture.shutdown();
  }

  @BeforeEach
  void clear() {
    paper.clear();
    dca.clear();
    fixture.reset();
  }

  private static void drifted() {
    fixture.inputs.set(StrategyTest.drifted());
    for (PlanInputs.PricePoint p : StrategyTest.drifted().prices()) {
      fixture.latest.put(p.instrument(), Quote.last(p.instrument(), p.price(), fixture.now.get().minusSeconds(1)));
    }
  }

  private static Strategy.CheckResult run(EventSourcedBehaviorTestKit<Command, Event, State> strategy, String runId) {
    return strategy.<Strategy.CheckResult>runCommand(r -> new Strategy.CheckForRun(runId, r)).reply();
  }

  @Test
  void aPaperRunRetriedWithItsIdDecidesAndSendsOnceEvenAfterARestart() {
    drifted();
    paper.<Strategy.Result>runCommand(r -> new Strategy.Configure(StrategyTest.strategyConfig(StrategyMode.PAPER), r));
    String runId = "strategy-checks@2026-03-02T09:00:00Z";

    var first = paper.<Strategy.CheckResult>runCommand(r -> new Strategy.CheckForRun(runId, r));
    Strategy.RebalanceDecided decided = ((Strategy.Decided) first.reply()).decision();
    assertFalse(decided.plan().intents().isEmpty(), "the drifted portfolio trades");
    // the decision and its run in one write (the screening may follow in the same command's events)
    assertEquals(List.of(Strategy.RebalanceDecided.class, Strategy.JobRunDecided.class),
        first.events().subList(0, 2).stream().map(Object::getClass).toList());
    assertEquals(new Strategy.JobRunDecided(PortfolioId.of("paper-pf"), runId, decided.decisionId(), T0), first.events().get(1));
    // screened and handed on once
    org.apache.pekko.actor.testkit.typed.javadsl.TestProbe<State> probe = fixture.testKit.createTestProbe();
    probe.awaitAssert(() -> {
      assertTrue(((Strategy.Configured) paper.getState()).undelivered().isEmpty() && ((Strategy.Configured) paper.getState()).unscreened().isEmpty());
      return null;
    });
    assertEquals(List.of(decided.decisionId()), fixture.sent);

    var again = paper.<Strategy.CheckResult>runCommand(r -> new Strategy.CheckForRun(runId, r));
    assertEquals(new Strategy.AlreadyDecided(runId, decided.decisionId()), again.reply());
    assertTrue(again.hasNoEvents());

    State recovered = paper.restart().state();
    assertEquals(Map.of(runId, decided.decisionId()), ((Strategy.Configured) recovered).jobRuns());
    assertEquals(new Strategy.AlreadyDecided(runId, decided.decisionId()), run(paper, runId));
    assertEquals(1, ((Strategy.Configured) paper.getState()).decisions());
    assertEquals(List.of(decided.decisionId()), fixture.sent);

    // the next run is a new decision
    assertInstanceOf(Strategy.Decided.class, run(paper, "strategy-checks@2026-03-03T09:00:00Z"));
    assertEquals(2, ((Strategy.Configured) paper.getState()).decisions());
  }

  @Test
  void aDcaRunRetriedAfterItsPeriodPassedContributesOnce() {
    fixture.inputs.set(new PlanInputs(JPY, List.of(holding("BTC", "0"), holding("VTI", "0"), holding("JPY", "500000")),
        List.of(price("BTC", "10000000"), price("VTI", "30000")), List.of(), targets("BTC", 60, "VTI", 40),
        config("1", "0", "1000", "0", List.of(rule("BTC", "0.0001"), rule("VTI", "1")))));
    dca.<Strategy.Result>runCommand(r -> new Strategy.Configure(new StrategyConfig("dca", fixture.inputs.get().config(), StrategyMode.DRY_RUN, null, null,
        new PolicySettings(new PolicySettings.Dca(Money.of("100000", "JPY"), Duration.ofDays(7)), null)), r));
    String runId = "dca@2026-03-02T10:00:00Z";

    Strategy.RebalanceDecided first = ((Strategy.Decided) run(dca, runId)).decision();
    assertEquals(1, first.plan().nextState().dca().periods());
    assertFalse(first.plan().intents().isEmpty());

    // the retry comes after the next period began: without the key it would contribute again
    fixture.now.set(T0.plus(Duration.ofDays(8)));
    assertEquals(new Strategy.AlreadyDecided(runId, first.decisionId()), run(dca, runId));
    assertEquals(1, ((Strategy.Configured) dca.getState()).policyState().dca().periods());

    Strategy.RebalanceDecided next = ((Strategy.Decided) run(dca, "dca@2026-03-10T10:00:00Z")).decision();
    assertEquals(2, next.plan().nextState().dca().periods());
  }

  @Test
  void aRunIdIsRequiredAndLimitedAndAnUnconfiguredStrategyIsNotFound() {
    assertInstanceOf(CommandError.NotFound.class, ((Strategy.Refused) run(paper, "strategy-checks@x")).error());
    drifted();
    paper.<Strategy.Result>runCommand(r -> new Strategy.Configure(StrategyTest.strategyConfig(StrategyMode.DRY_RUN), r));
    var blank = (CommandError.Invalid) ((Strategy.Refused) run(paper, " ")).error();
    assertEquals("runId", blank.errors().get(0).field());
    var tooLong = (CommandError.Invalid) ((Strategy.Refused) run(paper, "x".repeat(201))).error();
    assertEquals("runId", tooLong.errors().get(0).field());
  }

  @Test
  void onlyTheLastHundredRunsAreKept() {
    drifted();
    paper.<Strategy.Result>runCommand(r -> new Strategy.Configure(StrategyTest.strategyConfig(StrategyMode.DRY_RUN), r));
    for (int i = 0; i < Strategy.Configured.KEPT_RUNS + 1; i++) {
      assertInstanceOf(Strategy.Decided.class, run(paper, "strategy-checks@" + i));
    }
    Map<String, String> kept = ((Strategy.Configured) paper.getState()).jobRuns();
    assertEquals(Strategy.Configured.KEPT_RUNS, kept.size());
    assertFalse(kept.containsKey("strategy-checks@0"));
    assertEquals("paper-pf:" + (Strategy.Configured.KEPT_RUNS + 1), kept.get("strategy-checks@" + Strategy.Configured.KEPT_RUNS));
  }
}
