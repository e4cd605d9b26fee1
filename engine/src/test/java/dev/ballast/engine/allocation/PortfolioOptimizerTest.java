package dev.ballast.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortfolioOptimizerTest {

  /** Two assets whose sample moments are computed by hand below. */
  static final double[][] TWO = {
    {0.010, 0.002}, {-0.020, 0.001}, {0.015, -0.003}, {0.005, 0.004}, {-0.010, 0.000}, {0.020, -0.001}, {-0.005, 0.003}, {0.000, 0.002}
  };

  static double mean(int i) {
    double s = 0;
    for (double[] r : TWO) {
      s += r[i];
    }
    return s / TWO.length;
  }

  static double cov(int i, int j) {
    double s = 0;
    for (double[] r : TWO) {
      s += (r[i] - mean(i)) * (r[j] - mean(j));
    }
    return s / (TWO.length - 1);
  }

  static ReturnsWindow two() {
    return new ReturnsWindow(List.of("X", "Y"), TWO);
  }

  static OptimizationResult.Optimal optimal(OptimizationResult r) {
    return assertInstanceOf(OptimizationResult.Optimal.class, r, () -> "not optimal: " + r);
  }

  @Test
  void twoAssetMinimumVarianceIsTheClosedForm() {
    double a = cov(0, 0);
    double b = cov(1, 1);
    double c = cov(0, 1);
    double expected = (b - c) / (a + b - 2 * c);
    OptimizationResult.Optimal r = optimal(PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MIN_VOLATILITY, two(), Constraints.LONG_ONLY)));
    assertEquals(expected, r.weight("X"), 1e-7);
    assertEquals(1 - expected, r.weight("Y"), 1e-7);
    double variance = expected * expected * a + (1 - expected) * (1 - expected) * b + 2 * expected * (1 - expected) * c;
    assertEquals(Math.sqrt(variance * 252), r.volatility(), 1e-7);
  }

  @Test
  void aBindingMaximumHoldsTheWeightAtTheBound() {
    // unbounded, Y (the quieter asset) takes about 0.91; capped at 0.6 it stays at 0.6
    Constraints c = new Constraints(Map.of("Y", new Bound(0, 0.6)), Map.of(), Map.of());
    OptimizationResult.Optimal r = optimal(PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MIN_VOLATILITY, two(), c)));
    assertEquals(0.6, r.weight("Y"), 1e-9);
    assertEquals(0.4, r.weight("X"), 1e-9);
  }

  @Test
  void unconstrainedMaximumSharpeIsProportionalToInverseCovarianceTimesExcessReturns() {
    double rf = 0.0001;
    double a = cov(0, 0);
    double b = cov(1, 1);
    double c = cov(0, 1);
    double det = a * b - c * c;
    double ex = mean(0) - rf;
    double ey = mean(1) - rf;
    double zx = (b * ex - c * ey) / det;
    double zy = (-c * ex + a * ey) / det;
    Constraints wide = new Constraints(Map.of("X", new Bound(-5, 5), "Y", new Bound(-5, 5)), Map.of(), Map.of());
    OptimizationResult.Optimal r = optimal(PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MAX_SHARPE, two(), wide).withRiskFree(rf)));
    assertEquals(zx / (zx + zy), r.weight("X"), 1e-6);
    assertEquals(zy / (zx + zy), r.weight("Y"), 1e-6);
  }

  @Test
  void twoAssetRiskParityWeighsByInverseVolatility() {
    double sx = Math.sqrt(cov(0, 0));
    double sy = Math.sqrt(cov(1, 1));
    OptimizationResult.Optimal r = optimal(PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.RISK_PARITY, two(), Constraints.LONG_ONLY)));
    assertEquals(sy / (sx + sy), r.weight("X"), 1e-8);
    assertEquals(0.5, r.riskContributions().get(0), 1e-8);
    assertEquals(0.5, r.riskContributions().get(1), 1e-8);
  }

  @Test
  void boundedRiskParityKeepsTheBounds() {
    Constraints c = new Constraints(Map.of("Y", new Bound(0, 0.5)), Map.of(), Map.of());
    OptimizationResult.Optimal r = optimal(PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.RISK_PARITY, two(), c)));
    assertEquals(0.5, r.weight("Y"), 1e-8);
    assertEquals(0.5, r.weight("X"), 1e-8);
  }

  @Test
  void meanVarianceWithATargetReachesIt() {
    double target = (mean(0) + mean(1)) / 2;
    OptimizationResult.Optimal r = optimal(PortfolioOptimizer.optimize(
        OptimizationRequest.of(Objective.MEAN_VARIANCE, two(), Constraints.LONG_ONLY).withTargetReturn(target)));
    double reached = r.weight("X") * mean(0) + r.weight("Y") * mean(1);
    assertTrue(reached >= target - 1e-9, "reached " + reached);
  }

  @Test
  void anUnreachableTargetIsInfeasibleNamingTheTarget() {
    double target = Math.max(mean(0), mean(1)) + 0.001;
    OptimizationResult r = PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MEAN_VARIANCE, two(), Constraints.LONG_ONLY).withTargetReturn(target));
    OptimizationResult.Infeasible i = assertInstanceOf(OptimizationResult.Infeasible.class, r);
    assertEquals("target return", i.constraint());
  }

  @Test
  void minimumsAddingUpToMoreThanOneAreInfeasible() {
    Constraints c = new Constraints(Map.of("X", new Bound(0.6, 1), "Y", new Bound(0.5, 1)), Map.of(), Map.of());
    for (Objective o : Objective.values()) {
      OptimizationResult.Infeasible i = assertInstanceOf(OptimizationResult.Infeasible.class, PortfolioOptimizer.optimize(OptimizationRequest.of(o, two(), c)));
      assertEquals("sum of minimums", i.constraint());
      assertTrue(i.reason().contains("1.1"), i.reason());
    }
  }

  @Test
  void aGroupThatCannotBeFilledNamesTheGroup() {
    Constraints c = new Constraints(Map.of("X", new Bound(0, 0.2)), Map.of("X", "ALT"), Map.of("ALT", new Bound(0.3, 0.5)));
    OptimizationResult.Infeasible i = assertInstanceOf(OptimizationResult.Infeasible.class,
        PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MIN_VOLATILITY, two(), c)));
    assertEquals("group ALT", i.constraint());
  }

  @Test
  void maximumsBelowOneAreInfeasible() {
    Constraints c = new Constraints(Map.of("X", new Bound(0, 0.3), "Y", new Bound(0, 0.3)), Map.of(), Map.of());
    OptimizationResult.Infeasible i = assertInstanceOf(OptimizationResult.Infeasible.class,
        PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.DRO_CVAR, two(), c)));
    assertEquals("sum of maximums", i.constraint());
  }

  @Test
  void maxSharpeWithNothingAboveTheRiskFreeRateIsInfeasible() {
    OptimizationResult.Infeasible i = assertInstanceOf(OptimizationResult.Infeasible.class,
        PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MAX_SHARPE, two(), Constraints.LONG_ONLY).withRiskFree(0.01)));
    assertEquals("risk-free rate", i.constraint());
  }

  @Test
  void cvarWithoutRadiusAvoidsTheAssetWithTheWorseTail() {
    // Y earns 0.1% every period, X sometimes loses: any X in the portfolio worsens its tail
    double[][] r2 = {{0.02, 0.001}, {-0.03, 0.001}, {0.01, 0.001}, {-0.01, 0.001}, {0.015, 0.001}, {0.0, 0.001}};
    OptimizationResult.Optimal r = optimal(PortfolioOptimizer.optimize(
        OptimizationRequest.of(Objective.DRO_CVAR, new ReturnsWindow(List.of("X", "Y"), r2), Constraints.LONG_ONLY).withCvar(0.25, 0)));
    assertEquals(1.0, r.weight("Y"), 1e-7);
  }

  @Test
  void aLargeWassersteinRadiusSpreadsTheWeights() {
    // the robust term grows with the largest weight, so a wide ball drives the weights to equal
    OptimizationResult.Optimal r = optimal(PortfolioOptimizer.optimize(
        OptimizationRequest.of(Objective.DRO_CVAR, two(), Constraints.LONG_ONLY).withCvar(0.25, 1.0)));
    assertEquals(0.5, r.weight("X"), 1e-7);
  }

  @Test
  void historicalCvarIsTheMeanOfTheWorstShare() {
    assertEquals(0.04, PortfolioOptimizer.historicalCvar(new double[] {-0.05, -0.03, 0.01, 0.02}, 0.5), 1e-12);
    // a quarter of 2 periods: half of the worst period
    assertEquals(0.05, PortfolioOptimizer.historicalCvar(new double[] {-0.05, 0.01}, 0.25), 1e-12);
  }
}
