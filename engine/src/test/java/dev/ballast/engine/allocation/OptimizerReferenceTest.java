package dev.ballast.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Weights against those computed independently by numpy and scipy (allocation/reference.py in the
 * test resources; its output is checked in beside it), on 120 periods of four assets with bounds
 * and a group.
 */
class OptimizerReferenceTest {

  static final List<String> ASSETS = List.of("A", "B", "C", "D");
  static final Constraints BOUNDS = new Constraints(
      Map.of("A", new Bound(0.05, 0.40), "B", new Bound(0, 0.50), "C", new Bound(0.10, 0.60), "D", new Bound(0, 0.30)),
      Map.of("A", "G", "B", "G"),
      Map.of("G", new Bound(0, 0.6)));

  static List<String> lines(String name) throws IOException {
    try (var in = OptimizerReferenceTest.class.getResourceAsStream("/allocation/" + name)) {
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().skip(1).toList();
    }
  }

  static ReturnsWindow window() throws IOException {
    List<double[]> rows = new ArrayList<>();
    for (String line : lines("reference-returns.csv")) {
      rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
    }
    return new ReturnsWindow(ASSETS, rows.toArray(double[][]::new));
  }

  static Map<String, double[]> expected() throws IOException {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (String line : lines("reference-weights.csv")) {
      String[] f = line.split(",", -1);
      out.put(f[0], Arrays.stream(f, 1, f.length).filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray());
    }
    return out;
  }

  static void assertWeights(double[] expected, OptimizationResult result, double tolerance) {
    OptimizationResult.Optimal r = assertInstanceOf(OptimizationResult.Optimal.class, result, () -> "not optimal: " + result);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], r.weights().get(i), tolerance, ASSETS.get(i) + " of " + r.weightsByAsset());
    }
  }

  @Test
  void minimumVolatility() throws IOException {
    assertWeights(expected().get("min-volatility"), PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MIN_VOLATILITY, window(), BOUNDS)), 1e-5);
  }

  @Test
  void meanVarianceWithRiskAversion100() throws IOException {
    assertWeights(expected().get("mean-variance"),
        PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MEAN_VARIANCE, window(), BOUNDS).withRiskAversion(100)), 1e-5);
  }

  @Test
  void maximumSharpe() throws IOException {
    assertWeights(expected().get("max-sharpe"),
        PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MAX_SHARPE, window(), BOUNDS).withRiskFree(0.0001)), 1e-5);
  }

  @Test
  void riskParityWithoutBounds() throws IOException {
    assertWeights(expected().get("risk-parity"), PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.RISK_PARITY, window(), Constraints.LONG_ONLY)), 1e-6);
  }

  @Test
  void droCvarReachesTheSameWorstCaseCvar() throws IOException {
    // the LP can have several optimal weight vectors; the optimal value is unique
    OptimizationResult r = PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.DRO_CVAR, window(), BOUNDS).withCvar(0.05, 0.001));
    OptimizationResult.Optimal o = assertInstanceOf(OptimizationResult.Optimal.class, r, () -> "not optimal: " + r);
    assertEquals(expected().get("dro-cvar-objective")[0], o.objectiveValue(), 1e-8);
    assertEquals(List.of(), Feasibility.violations(ASSETS, BOUNDS, o.weights(), 1e-9));
  }

  @Test
  void ledoitWolfIntensity() throws IOException {
    Estimates e = Estimates.of(window(), Estimates.Method.LEDOIT_WOLF);
    assertEquals(expected().get("ledoit-wolf-intensity")[0], e.shrinkage(), 1e-9);
  }
}
