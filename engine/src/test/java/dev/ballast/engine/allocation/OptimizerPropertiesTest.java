package dev.ballast.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever the returns and bounds: weights within the bounds summing to one, or infeasible exactly when the check says so. */
class OptimizerPropertiesTest {

  @Property(tries = 60)
  void weightsKeepTheBoundsOrTheBoundsAreReportedInfeasible(
      @ForAll @IntRange(min = 2, max = 6) int n, @ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int objectiveIndex) {
    Random random = new Random(seed);
    List<String> assets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      assets.add("A" + i);
    }
    double[][] r = new double[40][n];
    for (int t = 0; t < r.length; t++) {
      double market = random.nextGaussian() * 0.01;
      for (int i = 0; i < n; i++) {
        r[t][i] = 0.0005 * i + market * (0.5 + 0.3 * i) + random.nextGaussian() * 0.01 * (1 + i);
      }
    }
    Map<String, Bound> bounds = new HashMap<>();
    Map<String, String> groupOf = new HashMap<>();
    for (String a : assets) {
      double lo = random.nextInt(4) == 0 ? random.nextDouble() * 0.4 : 0;
      double hi = lo + random.nextDouble() * (1 - lo);
      bounds.put(a, new Bound(lo, hi));
      if (random.nextBoolean()) {
        groupOf.put(a, "G");
      }
    }
    double gmin = random.nextDouble() * 0.5;
    Constraints c = new Constraints(bounds, groupOf, Map.of("G", new Bound(gmin, gmin + random.nextDouble() * 0.6)));
    Objective objective = Objective.values()[objectiveIndex];
    OptimizationRequest request = OptimizationRequest.of(objective, new ReturnsWindow(assets, r), c);
    boolean feasible = Feasibility.check(objective, assets, c).isEmpty();
    OptimizationResult result = PortfolioOptimizer.optimize(request);
    if (result instanceof OptimizationResult.Optimal o) {
      assertTrue(feasible);
      assertEquals(List.of(), Feasibility.violations(assets, c, o.weights(), 1e-6), () -> "weights " + o.weightsByAsset() + " bounds " + c);
    } else {
      OptimizationResult.Infeasible i = (OptimizationResult.Infeasible) result;
      // only max Sharpe may fail on feasible bounds, when nothing beats the risk-free rate
      assertTrue(!feasible || (objective == Objective.MAX_SHARPE && i.constraint().equals("risk-free rate")), i::toString);
    }
  }
}
