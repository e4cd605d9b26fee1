package dev.ballast.engine.strategy;

import static dev.ballast.engine.strategy.PlanFixtures.JPY;
import static dev.ballast.engine.strategy.PlanFixtures.config;
import static dev.ballast.engine.strategy.PlanFixtures.holding;
import static dev.ballast.engine.strategy.PlanFixtures.price;
import static dev.ballast.engine.strategy.PlanFixtures.rule;
import static dev.ballast.engine.strategy.PlanFixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.strategy.policy.StaggeredBuckets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Staggered three-bucket rebalancing: a changed target reaches the portfolio over three dates. */
class StaggeredBucketsTest {
  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  static final Duration MONTH = Duration.ofDays(30);
  static final PolicySettings SETTINGS = new PolicySettings(null, new PolicySettings.Buckets(MONTH));
  private static final StrategyPolicy BUCKETS = StrategyPolicy.byName("staggered-buckets").orElseThrow();

  static PlanInputs inputs(TargetAllocation target, Instant at, PolicyState state) {
    return new PlanInputs(JPY, List.of(holding("BTC", "1"), holding("VTI", "40")),
        List.of(price("BTC", "12000000"), price("VTI", "100000")), List.of(), target,
        config("1", "0", "1000", "0", List.of(rule("BTC", "0.0001"), rule("VTI", "1"))), List.of(), new PolicyContext(at, SETTINGS, state));
  }

  static List<String> targetsOf(RebalancePlan plan) {
    return plan.drift().stream().map(d -> d.asset() + " " + d.targetPercent().toPlainString()).toList();
  }

  @Test
  void eachDateMovesOneBucketToTheNewestTargetAndThePortfolioToTheirMean() {
    TargetAllocation a = targets("BTC", 60, "VTI", 40);
    TargetAllocation b = targets("BTC", 30, "VTI", 70);
    RebalancePlan first = BUCKETS.decide("p:1", inputs(a, T0, PolicyState.NONE));
    assertEquals(List.of("BTC 60", "VTI 40"), targetsOf(first));
    assertEquals(new PolicyState.Buckets(List.of(a, a, a), 0, T0), first.nextState().buckets());

    RebalancePlan second = BUCKETS.decide("p:2", inputs(b, T0.plus(MONTH), first.nextState()));
    assertEquals(List.of("BTC 50", "VTI 50"), targetsOf(second));
    // the plan is threshold rebalancing toward the mean target
    assertEquals(RebalancePlanner.plan("p:2", inputs(targets("BTC", 50, "VTI", 50), T0, PolicyState.NONE)).intents(), second.intents());
    assertFalse(second.intents().isEmpty());

    RebalancePlan third = BUCKETS.decide("p:3", inputs(b, T0.plus(MONTH.multipliedBy(2)), second.nextState()));
    assertEquals(List.of("BTC 40", "VTI 60"), targetsOf(third));
    RebalancePlan fourth = BUCKETS.decide("p:4", inputs(b, T0.plus(MONTH.multipliedBy(3)), third.nextState()));
    assertEquals(List.of("BTC 30", "VTI 70"), targetsOf(fourth));
    assertEquals(new PolicyState.Buckets(List.of(b, b, b), 0, T0.plus(MONTH.multipliedBy(3))), fourth.nextState().buckets());
  }

  @Test
  void betweenDatesNothingIsTradedAndNoBucketMoves() {
    TargetAllocation a = targets("BTC", 60, "VTI", 40);
    RebalancePlan first = BUCKETS.decide("p:1", inputs(a, T0, PolicyState.NONE));
    RebalancePlan between = BUCKETS.decide("p:2", inputs(targets("BTC", 30, "VTI", 70), T0.plus(Duration.ofDays(29)), first.nextState()));

    assertEquals(List.of(), between.intents());
    assertEquals(first.nextState(), between.nextState());
    assertEquals(List.of("BTC 60", "VTI 40"), targetsOf(between));
  }

  @Test
  void theMeanOfThirdsSumsToExactlyAHundred() {
    TargetAllocation mean = StaggeredBuckets.mean(List.of(targets("ETH", 100), targets("BTC", 100), targets("BTC", 100)));
    assertEquals(List.of("BTC 66.66666667", "ETH 33.33333333"),
        mean.targets().stream().map(t -> t.key() + " " + t.weightPercent().toPlainString()).toList());
    assertEquals(List.of(), mean.problems());
  }
}
