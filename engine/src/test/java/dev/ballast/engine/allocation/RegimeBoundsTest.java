package dev.ballast.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.regime.Regime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regime bounds into constraints, and the BTC-core profile against them. */
class RegimeBoundsTest {
  static final Map<String, String> GROUPS = Map.of("BTC", "BTC", "ETH", "ETH", "SOL", "ALT", "USDC", "STABLE");

  static ReturnsWindow window() {
    double[][] r = new double[30][4];
    for (int t = 0; t < r.length; t++) {
      double m = Math.sin(t) * 0.02;
      r[t] = new double[] {m + 0.001 * (t % 3), 1.3 * m + 0.002 * (t % 2), 2 * m - 0.001 * (t % 5), 0.0001 * (t % 2)};
    }
    return new ReturnsWindow(List.of("BTC", "ETH", "SOL", "USDC"), r);
  }

  @Test
  void hodlIsAQuarterEach() {
    RegimeBounds.Resolved c = RegimeBounds.DEFAULTS.constraintsFor(Regime.HODL, GROUPS, Map.of(), null);
    OptimizationResult.Optimal o = assertInstanceOf(OptimizationResult.Optimal.class,
        PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MIN_VOLATILITY, window(), c.constraints())));
    for (double w : o.weights()) {
      assertEquals(0.25, w, 1e-9);
    }
  }

  @Test
  void riskOffKeepsTheStablecoinsAtSixtyPercentOrMore() {
    RegimeBounds.Resolved c = RegimeBounds.DEFAULTS.constraintsFor(Regime.RISK_OFF, GROUPS, Map.of(), null);
    OptimizationResult.Optimal o = assertInstanceOf(OptimizationResult.Optimal.class,
        PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.RISK_PARITY, window(), c.constraints())));
    assertTrue(o.weight("USDC") >= 0.6 - 1e-9, o.weightsByAsset().toString());
    assertTrue(o.weight("SOL") <= 0.1 + 1e-9, o.weightsByAsset().toString());
  }

  @Test
  void btcCoreWinningOverRiskOffIsReportedInfeasibleNotBent() {
    RegimeBounds.Resolved c = RegimeBounds.DEFAULTS.constraintsFor(Regime.RISK_OFF, GROUPS, Map.of(), RegimeBounds.BtcCore.DEFAULT);
    assertTrue(c.btcBoundNote().contains("the profile wins"), c.btcBoundNote());
    // BTC at least 50% and stablecoins at least 60%: more than the whole portfolio
    OptimizationResult.Infeasible i = assertInstanceOf(OptimizationResult.Infeasible.class,
        PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MIN_VOLATILITY, window(), c.constraints())));
    assertEquals("sum of group minimums", i.constraint());
  }

  @Test
  void btcCoreInBtcSeasonIsTheOverlap() {
    RegimeBounds.Resolved c = RegimeBounds.DEFAULTS.constraintsFor(Regime.BTC_SEASON, GROUPS, Map.of(), RegimeBounds.BtcCore.DEFAULT);
    assertEquals(new Bound(0.5, 0.6), c.constraints().groupBounds().get("BTC"));
    OptimizationResult.Optimal o = assertInstanceOf(OptimizationResult.Optimal.class,
        PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MIN_VOLATILITY, window(), c.constraints())));
    assertTrue(o.weight("BTC") >= 0.5 - 1e-9 && o.weight("BTC") <= 0.6 + 1e-9, o.weightsByAsset().toString());
  }

  @Test
  void whenTheRegimeWinsItsBoundStays() {
    RegimeBounds.Resolved c = RegimeBounds.DEFAULTS.constraintsFor(Regime.RISK_OFF, GROUPS, Map.of(),
        new RegimeBounds.BtcCore(new Bound(0.5, 0.6), false));
    assertEquals(new Bound(0, 0.2), c.constraints().groupBounds().get("BTC"));
    assertTrue(c.btcBoundNote().contains("the regime wins"), c.btcBoundNote());
  }
}
