package dev.ballast.engine.strategy;

import static dev.ballast.engine.strategy.PlanFixtures.JPY;
import static dev.ballast.engine.strategy.PlanFixtures.config;
import static dev.ballast.engine.strategy.PlanFixtures.holding;
import static dev.ballast.engine.strategy.PlanFixtures.price;
import static dev.ballast.engine.strategy.PlanFixtures.rule;
import static dev.ballast.engine.strategy.PlanFixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.strategy.Strategy.Command;
import dev.ballast.engine.strategy.Strategy.Event;
import dev.ballast.engine.strategy.Strategy.State;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Strategy entity with the policies that keep state: the state a decision leaves is journaled
 * with it, recovered after a restart, handed to the next decision, and every decision replays to
 * the identical plan.
 */
class PolicyStrategyTest {
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static StrategyFixture fixture;
  private static EventSourcedBehaviorTestKit<Command, Event, State> dca;
  private static EventSourcedBehaviorTestKit<Command, Event, State> buckets;
  private static EventSourcedBehaviorTestKit<Command, Event, State> momentum;

  @BeforeAll
  static void start() {
    fixture = new StrategyFixture(T0);
    Strategy.Settings settings = fixture.settings(StrategyFixture.refusingSink());
    dca = fixture.entity("dca", settings);
    buckets = fixture.entity("buckets", settings);
    momentum = fixture.entity("momentum", fixture.settingsWithMarket(StrategyFixture.refusingSink()));
  }

  @AfterAll
  static void stop() {
    fixture.shutdown();
  }

  @BeforeEach
  void clear() {
    dca.clear();
    buckets.clear();
    momentum.clear();
    fixture.reset();
  }

  private static PlanInputs holdings(String btc, String vti, String cash, TargetAllocation target) {
    return new PlanInputs(JPY, List.of(holding("BTC", btc), holding("VTI", vti), holding("JPY", cash)),
        List.of(price("BTC", "10000000"), price("VTI", "30000")), List.of(), target,
        config("1", "0", "1000", "0", List.of(rule("BTC", "0.0001"), rule("VTI", "1"))));
  }

  private static Strategy.RebalanceDecided check(EventSourcedBehaviorTestKit<Command, Event, State> strategy) {
    var result = strategy.<Strategy.CheckResult>runCommand(Strategy.Check::new);
    return ((Strategy.Decided) result.reply()).decision();
  }

  private static void configure(EventSourcedBehaviorTestKit<Command, Event, State> strategy, String policy, PolicySettings settings) {
    var reply = strategy.<Strategy.Result>runCommand(r -> new Strategy.Configure(
        new StrategyConfig(policy, holdings("0", "0", "0", null).config(), StrategyMode.DRY_RUN, null, null, settings), r)).reply();
    assertEquals(new Strategy.Accepted(true), reply);
  }

  @Test
  void theDcaCarryIsJournaledRecoveredAfterARestartAndSpentTheNextPeriod() {
    configure(dca, "dca", new PolicySettings(new PolicySettings.Dca(Money.of("100000", "JPY"), Duration.ofDays(7)), null));
    fixture.inputs.set(holdings("0.01", "0", "1000000", targets("BTC", 50, "VTI", 50)));
    Strategy.RebalanceDecided first = check(dca);
    assertEquals(new BigDecimal("10000"), first.plan().nextState().dca().carry());

    State recovered = dca.restart().state();

    assertEquals(first.plan().nextState(), ((Strategy.Configured) recovered).policyState());
    fixture.now.set(T0.plus(Duration.ofDays(7)));
    fixture.inputs.set(holdings("0.01", "3", "910000", targets("BTC", 50, "VTI", 50)));
    Strategy.RebalanceDecided second = check(dca);
    // the 10000 carried makes 110000: VTI 2 shares, BTC 0.005, nothing left
    assertEquals(first.plan().nextState(), second.inputs().policy().state());
    assertEquals(List.of("VTI 2", "BTC 0.005"),
        second.plan().intents().stream().map(i -> i.instrument().base() + " " + i.quantity().value().toPlainString()).toList());
    assertEquals(BigDecimal.ZERO, second.plan().nextState().dca().carry());
    for (Strategy.RebalanceDecided d : List.of(first, second)) {
      DecisionReplay.Explanation again = DecisionReplay.explain(d);
      assertTrue(again.identical(), again.differences().toString());
      assertEquals(d.plan(), again.replayed());
    }
  }

  @Test
  void theBucketsResumeAfterARestartWhereTheyWere() {
    configure(buckets, "staggered-buckets", new PolicySettings(null, new PolicySettings.Buckets(Duration.ofDays(30))));
    TargetAllocation a = targets("BTC", 60, "VTI", 40);
    TargetAllocation b = targets("BTC", 30, "VTI", 70);
    fixture.inputs.set(holdings("0.06", "13", "10000", a));
    Strategy.RebalanceDecided first = check(buckets);
    fixture.now.set(T0.plus(Duration.ofDays(30)));
    fixture.inputs.set(holdings("0.06", "13", "10000", b));
    Strategy.RebalanceDecided second = check(buckets);
    assertEquals(new PolicyState.Buckets(List.of(b, a, a), 1, T0.plus(Duration.ofDays(30))), second.plan().nextState().buckets());

    State recovered = buckets.restart().state();

    assertEquals(second.plan().nextState(), ((Strategy.Configured) recovered).policyState());
    fixture.now.set(T0.plus(Duration.ofDays(60)));
    Strategy.RebalanceDecided third = check(buckets);
    assertEquals(new PolicyState.Buckets(List.of(b, b, a), 2, T0.plus(Duration.ofDays(60))), third.plan().nextState().buckets());
    // the cash has no target; BTC and VTI are planned toward the mean of the buckets
    assertEquals(List.of("BTC 40", "VTI 60"), third.plan().drift().stream().filter(d -> !d.asset().isFiat())
        .map(d -> d.asset() + " " + d.targetPercent().toPlainString()).toList());
    for (Strategy.RebalanceDecided d : List.of(first, second, third)) {
      DecisionReplay.Explanation again = DecisionReplay.explain(d);
      assertTrue(again.identical(), again.differences().toString());
      assertEquals(d.plan(), again.replayed());
    }
  }

  @Test
  void theMarketDataAPolicyReadsIsGatheredJournaledWithTheDecisionAndReplaysIdentically() {
    PlanInputs market = MarketPoliciesTest.momentumInputs(MarketPoliciesTest.momentumHistory());
    fixture.market.set(new PolicyContext(null, null, null, market.policy().history(), null));
    fixture.inputs.set(market);
    fixture.now.set(MarketPoliciesTest.AT);
    var reply = momentum.<Strategy.Result>runCommand(r -> new Strategy.Configure(new StrategyConfig("momentum-rotation", market.config(),
        StrategyMode.DRY_RUN, null, null, market.policy().settings()), r)).reply();
    assertEquals(new Strategy.Accepted(true), reply);

    Strategy.RebalanceDecided decided = check(momentum);

    assertEquals(market.policy().history(), decided.inputs().policy().history());
    assertEquals(MarketPoliciesTest.AT, decided.inputs().policy().asOf());
    assertEquals(List.of("SELL CCC 10", "BUY AAA 505", "BUY DDD 505"),
        decided.plan().intents().stream().map(i -> i.side() + " " + i.instrument().base() + " " + i.quantity().value().toPlainString()).toList());
    // read back from the journal (serialized) and replayed
    Strategy.RebalanceDecided journaled = momentum.persistenceTestKit().persistedInStorage(Strategy.persistenceId(PortfolioId.of("momentum")).id())
        .stream().filter(e -> e instanceof Strategy.RebalanceDecided).map(e -> (Strategy.RebalanceDecided) e).findFirst().orElseThrow();
    DecisionReplay.Explanation again = DecisionReplay.explain(journaled);
    assertTrue(again.identical(), again.differences().toString());
  }

  @Test
  void aReplayWhoseNextStateDiffersSaysSo() {
    configure(dca, "dca", new PolicySettings(new PolicySettings.Dca(Money.of("100000", "JPY"), Duration.ofDays(7)), null));
    fixture.inputs.set(holdings("0.01", "0", "1000000", targets("BTC", 50, "VTI", 50)));
    Strategy.RebalanceDecided decided = check(dca);
    var tampered = new Strategy.RebalanceDecided(decided.portfolioId(), decided.decisionId(), decided.policy(), decided.mode(), decided.decidedAt(),
        decided.inputs(), decided.plan().withNextState(decided.plan().nextState().withDca(
            new PolicyState.Dca(T0, 1, BigDecimal.ZERO, new BigDecimal("90000")))));

    DecisionReplay.Explanation again = DecisionReplay.explain(tampered);

    assertEquals(1, again.differences().size(), again.differences().toString());
    assertTrue(again.differences().get(0).startsWith("next policy state"), again.differences().toString());
  }

  @Test
  void aPolicyWithoutItsSettingsIsRefusedNamingTheField() {
    var reply = dca.<Strategy.Result>runCommand(r -> new Strategy.Configure(
        new StrategyConfig("value-averaging", holdings("0", "0", "0", null).config(), StrategyMode.DRY_RUN, null, null, null), r)).reply();
    var invalid = (dev.ballast.engine.model.CommandError.Invalid) ((Strategy.Refused) reply).error();
    assertEquals(List.of("policySettings.dca.amount", "policySettings.dca.period"), invalid.errors().stream().map(e -> e.field()).toList());
  }
}
