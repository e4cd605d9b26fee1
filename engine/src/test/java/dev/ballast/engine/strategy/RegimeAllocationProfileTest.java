package dev.ballast.engine.strategy;

import static dev.ballast.engine.strategy.PlanFixtures.JPY;
import static dev.ballast.engine.strategy.PlanFixtures.config;
import static dev.ballast.engine.strategy.PlanFixtures.holding;
import static dev.ballast.engine.strategy.PlanFixtures.price;
import static dev.ballast.engine.strategy.PlanFixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.allocation.Bound;
import dev.ballast.engine.allocation.RegimeBounds;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.Money;
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
 * The regime-allocation policy with the BTC-core profile, per-asset bounds and the ranked objective:
 * the targets are the hand-worked allocations of {@code RegimeConstrainedAllocationTest} (the same
 * Hadamard returns, here as daily closes), the bound that won and the portfolio in BTC terms are
 * journaled in the plan's notes, and each decision replays identically.
 */
class RegimeAllocationProfileTest {
  static final Instant AT = Instant.parse("2026-03-20T10:00:00Z");
  static final String[] ASSETS = {"BTC", "ETH", "SOL", "USDC"};
  static final double[] SIGMA = {0.04, 0.03, 0.06, 0.001};
  static final Map<String, String> GROUPS = Map.of("BTC", "BTC", "ETH", "ETH", "SOL", "ALT", "USDC", "STABLE");

  static List<PolicyContext.Series> closes() {
    List<PolicyContext.Series> out = new ArrayList<>();
    for (int i = 0; i < ASSETS.length; i++) {
      List<PolicyContext.Close> c = new ArrayList<>();
      double p = 100;
      LocalDate day = LocalDate.of(2026, 3, 2);
      c.add(new PolicyContext.Close(day, BigDecimal.valueOf(p)));
      for (int t = 0; t < 16; t++) {
        p *= 1 + SIGMA[i] * (Integer.bitCount((i + 1) & (t % 8)) % 2 == 0 ? 1 : -1);
        c.add(new PolicyContext.Close(day.plusDays(t + 1), BigDecimal.valueOf(p)));
      }
      out.add(new PolicyContext.Series(ASSETS[i], c));
    }
    return out;
  }

  static PlanInputs inputs(Regime regime, PolicySettings.RegimeAllocation settings) {
    List<TradeRule> rules = List.of(rule("BTC", "0.00000001"), rule("ETH", "0.00000001"), rule("SOL", "0.00000001"), rule("USDC", "0.00000001"));
    return new PlanInputs(JPY, List.of(holding("JPY", "10000000")),
        List.of(price("BTC", "10000000"), price("ETH", "400000"), price("SOL", "20000"), price("USDC", "150")), List.of(), null,
        config("1", "0", "1000", "0", rules), List.of(),
        new PolicyContext(AT, new PolicySettings(null, null, null, settings), PolicyState.NONE, closes(), regime));
  }

  static Map<String, BigDecimal> targets(RebalancePlan plan) {
    Map<String, BigDecimal> out = new java.util.TreeMap<>();
    plan.drift().forEach(d -> out.put(d.asset().value(), d.targetPercent()));
    return out;
  }

  static void assertTargets(Map<String, String> expected, RebalancePlan plan) {
    Map<String, BigDecimal> t = targets(plan);
    expected.forEach((asset, percent) -> assertTrue(t.get(asset).subtract(new BigDecimal(percent)).abs().compareTo(new BigDecimal("0.0002")) <= 0,
        () -> asset + " " + t + " " + plan.problems()));
  }

  static RebalancePlan decide(PlanInputs in) {
    RebalancePlan plan = StrategyPolicy.byName("regime-allocation").orElseThrow().decide("pf:1", in);
    var decided = new Strategy.RebalanceDecided(PortfolioId.of("pf"), "pf:1", "regime-allocation", StrategyMode.DRY_RUN, AT, in, plan);
    DecisionReplay.Explanation again = DecisionReplay.explain(decided);
    assertTrue(again.identical(), again.differences().toString());
    return plan;
  }

  @Test
  void btcCoreInBtcSeasonTargetsTheHandWorkedAllocationAndJournalsWhyAndTheValueInBtc() {
    RebalancePlan plan = decide(inputs(Regime.BTC_SEASON,
        new PolicySettings.RegimeAllocation(GROUPS, "min-volatility", 30, Map.of(), RegimeBounds.BtcCore.DEFAULT)));
    assertTargets(Map.of("BTC", "50", "ETH", "16", "SOL", "4", "USDC", "30"), plan);
    assertEquals(List.of("BTC-core 0.5:0.6 and BTC_SEASON 0.5:1.0 overlap: BTC held within 0.5:0.6",
        "portfolio 10000000.00 JPY = 1.00000000 BTC at 10000000 JPY per BTC"), plan.notes());
  }

  @Test
  void aPerAssetBoundAndTheProfileWinningOverAltSeason() {
    assertTargets(Map.of("BTC", "50", "ETH", "12", "SOL", "8", "USDC", "30"), decide(inputs(Regime.BTC_SEASON,
        new PolicySettings.RegimeAllocation(GROUPS, null, 30, Map.of("ETH", new Bound(0, 0.12)), RegimeBounds.BtcCore.DEFAULT))));
    RebalancePlan alt = decide(inputs(Regime.ALT_SEASON, new PolicySettings.RegimeAllocation(GROUPS, null, 30, Map.of(), RegimeBounds.BtcCore.DEFAULT)));
    assertTargets(Map.of("BTC", "50", "ETH", "30", "SOL", "20"), alt);
    assertEquals("BTC-core 0.5:0.6 conflicts with ALT_SEASON 0.1:0.4: the profile wins", alt.notes().get(0));
    RebalancePlan regimeWins = decide(inputs(Regime.ALT_SEASON,
        new PolicySettings.RegimeAllocation(GROUPS, null, 30, Map.of(), new RegimeBounds.BtcCore(new Bound(0.5, 0.6), false))));
    assertTargets(Map.of("BTC", "21.6", "ETH", "38.4", "SOL", "20", "USDC", "20"), regimeWins);
  }

  @Test
  void theProfileOverRiskOffIsAProblemNamingTheConstraintWithTheNote() {
    RebalancePlan plan = decide(inputs(Regime.RISK_OFF, new PolicySettings.RegimeAllocation(GROUPS, null, 30, Map.of(), RegimeBounds.BtcCore.DEFAULT)));
    assertEquals(List.of(), plan.intents());
    assertTrue(plan.problems().get(0).contains("sum of group minimums"), plan.problems().toString());
    assertTrue(plan.notes().get(0).endsWith("the profile wins"), plan.notes().toString());
  }

  @Test
  void theRankedObjectiveJournalsTheRankingAndTargetsTheFirst() {
    RebalancePlan plan = decide(inputs(Regime.RISK_ON, new PolicySettings.RegimeAllocation(GROUPS, "ranked", 30)));
    List<String> ranking = plan.notes().stream().filter(n -> n.startsWith("ranked ")).toList();
    // the window's returns average 0: no portfolio beats a risk-free 0, so max Sharpe is reported, not ranked
    assertEquals(4, ranking.size(), plan.notes().toString());
    assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("not ranked: max-sharpe: risk-free rate: ")), plan.notes().toString());
    assertTrue(ranking.get(0).startsWith("ranked 1: "), ranking.toString());
    // every candidate keeps Risk On's bounds, so whichever wins does too
    Map<String, BigDecimal> t = targets(plan);
    for (String a : List.of("BTC", "ETH", "SOL")) {
      assertTrue(t.get(a).compareTo(new BigDecimal("19.9999")) >= 0 && t.get(a).compareTo(new BigDecimal("40.0001")) <= 0, t.toString());
    }
  }

  @Test
  void assetBoundsOutsideTheGroupsOrTheUnitAreFieldErrors() {
    List<FieldError> errors = PolicySettings.problems("regime-allocation", new PolicySettings(null, null, null,
        new PolicySettings.RegimeAllocation(GROUPS, "ranked", 30, Map.of("DOGE", new Bound(0, 1), "ETH", new Bound(0.5, 0.2)),
            new RegimeBounds.BtcCore(new Bound(0.5, 1.2), true))), Money.of("1000", "JPY"));
    assertEquals(List.of("policySettings.regime.assetBounds.DOGE", "policySettings.regime.assetBounds.ETH", "policySettings.regime.btcCore.btc"),
        errors.stream().map(FieldError::field).toList());
  }
}
