package dev.ballast.engine.strategy;

import static dev.ballast.engine.strategy.PlanFixtures.ACCOUNT;
import static dev.ballast.engine.strategy.PlanFixtures.JPY;
import static dev.ballast.engine.strategy.PlanFixtures.config;
import static dev.ballast.engine.strategy.PlanFixtures.holding;
import static dev.ballast.engine.strategy.PlanFixtures.price;
import static dev.ballast.engine.strategy.PlanFixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.execution.Side;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.regime.Regime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Momentum rotation and regime allocation as strategy policies: found by name, deciding from the
 * journaled closes and regime only, and replaying to the identical plan.
 */
class MarketPoliciesTest {
  static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

  static PolicyContext.Series series(String asset, Object... dateValue) {
    List<PolicyContext.Close> closes = new ArrayList<>();
    for (int i = 0; i < dateValue.length; i += 2) {
      closes.add(new PolicyContext.Close(LocalDate.parse((String) dateValue[i]), new BigDecimal(dateValue[i + 1].toString())));
    }
    return new PolicyContext.Series(asset, closes);
  }

  static PlanInputs momentumInputs(List<PolicyContext.Series> history) {
    List<TradeRule> rules = List.of(rule("AAA", "1"), rule("BBB", "1"), rule("CCC", "1"), rule("DDD", "1"));
    return new PlanInputs(JPY, List.of(holding("JPY", "1000000"), holding("CCC", "10")),
        List.of(price("AAA", "1000"), price("BBB", "1000"), price("CCC", "1000"), price("DDD", "1000")), List.of(), null,
        config("2", "0", "1000", "0", rules), List.of(),
        new PolicyContext(AT, new PolicySettings(null, null, new PolicySettings.Momentum(List.of("AAA", "BBB", "CCC", "DDD"), 2), null),
            PolicyState.NONE, history, null));
  }

  static List<PolicyContext.Series> momentumHistory() {
    // 12-1 on a decision of 2 March 2026 (the 1st closed): from the end of February 2025 to the end of January 2026
    return List.of(
        series("AAA", "2025-02-28", 100, "2026-01-30", 150, "2026-02-27", 100),
        series("BBB", "2025-02-28", 100, "2026-01-30", 120, "2026-02-27", 500, "2026-03-02", 9999),
        series("CCC", "2025-02-28", 100, "2026-01-30", 90, "2026-02-27", 90),
        series("DDD", "2025-02-28", 50, "2026-01-30", 100, "2026-02-27", 100));
  }

  static Map<String, String> targetsOf(RebalancePlan plan) {
    Map<String, String> out = new java.util.TreeMap<>();
    plan.drift().stream().filter(d -> d.targetPercent().signum() > 0).forEach(d -> out.put(d.asset().value(), d.targetPercent().toPlainString()));
    return out;
  }

  @Test
  void momentumHoldsTheTopTwoByTwelveMinusOneAtEqualWeightAndSellsTheRest() {
    StrategyPolicy momentum = StrategyPolicy.byName("momentum-rotation").orElseThrow();
    RebalancePlan plan = momentum.decide("m:1", momentumInputs(momentumHistory()));

    // DDD +100%, AAA +50%, BBB +20% (February's jump is the skipped month), CCC -10%
    assertEquals(Map.of("AAA", "50", "DDD", "50"), targetsOf(plan));
    assertEquals(List.of("SELL CCC 10", "BUY AAA 505", "BUY DDD 505"),
        plan.intents().stream().map(i -> i.side() + " " + i.instrument().base() + " " + i.quantity().value().toPlainString()).toList());
    assertEquals(List.of(), plan.problems());
  }

  static PlanInputs regimeInputs(Regime regime) {
    List<TradeRule> rules = List.of(rule("BTC", "0.0001"), rule("ETH", "0.001"), rule("SOL", "0.01"), rule("USDC", "0.01"));
    List<PolicyContext.Series> history = new ArrayList<>();
    String[] assets = {"BTC", "ETH", "SOL", "USDC"};
    double[] base = {10_000_000, 400_000, 20_000, 150};
    double[] swing = {0.03, 0.04, 0.06, 0.001};
    for (int a = 0; a < assets.length; a++) {
      List<Object> dv = new ArrayList<>();
      for (int d = 0; d < 20; d++) {
        double move = Math.sin(d * (a + 1.3)) * swing[a];
        dv.add(LocalDate.of(2026, 2, 10).plusDays(d).toString());
        dv.add(BigDecimal.valueOf(base[a] * (1 + move)).setScale(2, java.math.RoundingMode.HALF_EVEN));
      }
      history.add(series(assets[a], dv.toArray()));
    }
    return new PlanInputs(JPY, List.of(holding("JPY", "10000000")),
        List.of(price("BTC", "10000000"), price("ETH", "400000"), price("SOL", "20000"), price("USDC", "150")), List.of(), null,
        config("1", "0", "1000", "0", rules), List.of(),
        new PolicyContext(AT, new PolicySettings(null, null, null,
            new PolicySettings.RegimeAllocation(Map.of("BTC", "BTC", "ETH", "ETH", "SOL", "ALT", "USDC", "STABLE"), "min-volatility", 30)),
            PolicyState.NONE, history, regime));
  }

  @Test
  void regimeAllocationOptimizesWithinTheRegimesBounds() {
    StrategyPolicy regime = StrategyPolicy.byName("regime-allocation").orElseThrow();

    assertEquals(Map.of("BTC", "25", "ETH", "25", "SOL", "25", "USDC", "25"), targetsOf(regime.decide("r:1", regimeInputs(Regime.HODL))));
    RebalancePlan riskOff = regime.decide("r:2", regimeInputs(Regime.RISK_OFF));
    Map<String, String> weights = targetsOf(riskOff);
    assertTrue(new BigDecimal(weights.get("USDC")).compareTo(new BigDecimal("60")) >= 0, weights.toString());
    assertTrue(riskOff.intents().stream().allMatch(i -> i.side() == Side.BUY) && !riskOff.intents().isEmpty(), riskOff.toString());
  }

  @Test
  void aRegimeWhoseBoundsNoPortfolioKeepsIsAProblemNamingTheConstraint() {
    PlanInputs in = regimeInputs(Regime.HODL);
    // without an ALT asset the four groups of 25% cannot sum to one
    PlanInputs noAlt = in.withPolicy(new PolicyContext(AT, new PolicySettings(null, null, null,
        new PolicySettings.RegimeAllocation(Map.of("BTC", "BTC", "ETH", "ETH", "USDC", "STABLE"), null, 30)), PolicyState.NONE,
        in.policy().history(), Regime.HODL));
    RebalancePlan plan = StrategyPolicy.byName("regime-allocation").orElseThrow().decide("r:1", noAlt);
    assertEquals(List.of(), plan.intents());
    assertTrue(plan.problems().get(0).startsWith("the bounds of HODL are infeasible"), plan.problems().toString());
  }

  @Test
  void bothReplayToTheIdenticalPlanFromTheirJournaledInputs() {
    for (var c : List.of(Map.entry("momentum-rotation", momentumInputs(momentumHistory())), Map.entry("regime-allocation", regimeInputs(Regime.RISK_OFF)))) {
      RebalancePlan plan = StrategyPolicy.byName(c.getKey()).orElseThrow().decide("pf:1", c.getValue());
      var decided = new Strategy.RebalanceDecided(PortfolioId.of("pf"), "pf:1", c.getKey(), StrategyMode.DRY_RUN, AT, c.getValue(), plan);
      DecisionReplay.Explanation again = DecisionReplay.explain(decided);
      assertTrue(again.identical(), again.differences().toString());
      assertEquals(plan, again.replayed());
    }
  }
}
