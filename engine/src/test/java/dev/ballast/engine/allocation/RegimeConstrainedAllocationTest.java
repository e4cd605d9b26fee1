package dev.ballast.engine.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.regime.Regime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Minimum volatility within a regime's group bounds, the BTC-core profile and per-asset bounds,
 * against allocations worked out by hand. The returns are rows of a Hadamard matrix scaled by each
 * asset's volatility: mean zero and mutually orthogonal, so the sample covariance is exactly
 * diagonal, {@code diag(s_i^2) * T/(T-1)}, and minimum variance is a water-filling on
 * {@code w_i s_i^2}: an asset whose marginal variance {@code 2 w_i s_i^2} is above the others' sits
 * at its minimum, one below at its maximum, the free ones share equal marginals.
 */
class RegimeConstrainedAllocationTest {
  static final List<String> ASSETS = List.of("BTC", "ETH", "SOL", "USDC");
  static final Map<String, String> GROUPS = Map.of("BTC", "BTC", "ETH", "ETH", "SOL", "ALT", "USDC", "STABLE");
  /** Per-period volatilities: BTC 4%, ETH 3%, SOL 6%, USDC 0.1%. */
  static final double[] SIGMA = {0.04, 0.03, 0.06, 0.001};

  /** Sylvester's Hadamard matrix of order 8, row i column j = (-1)^popcount(i & j); rows 1-4, one per asset. */
  static ReturnsWindow hadamard() {
    double[][] r = new double[16][ASSETS.size()];
    for (int t = 0; t < r.length; t++) {
      for (int i = 0; i < ASSETS.size(); i++) {
        r[t][i] = SIGMA[i] * (Integer.bitCount((i + 1) & (t % 8)) % 2 == 0 ? 1 : -1);
      }
    }
    return new ReturnsWindow(ASSETS, r);
  }

  static Map<String, Double> minVolatility(Regime regime, Map<String, Bound> assetBounds, RegimeBounds.BtcCore profile) {
    RegimeBounds.Resolved c = RegimeBounds.DEFAULTS.constraintsFor(regime, GROUPS, assetBounds, profile);
    OptimizationResult r = PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MIN_VOLATILITY, hadamard(), c.constraints()));
    return assertInstanceOf(OptimizationResult.Optimal.class, r, () -> "not optimal: " + r).weightsByAsset();
  }

  static void assertWeights(Map<String, Double> expected, Map<String, Double> actual) {
    expected.forEach((asset, w) -> assertEquals(w, actual.get(asset), 1e-6, () -> asset + " in " + actual));
  }

  @Test
  void theSampleCovarianceOfTheHadamardReturnsIsDiagonal() {
    double[][] r = hadamard().returns();
    for (int i = 0; i < ASSETS.size(); i++) {
      for (int j = 0; j < ASSETS.size(); j++) {
        double s = 0;
        for (double[] row : r) {
          s += row[i] * row[j];
        }
        assertEquals(i == j ? SIGMA[i] * SIGMA[i] * 16 : 0, s, 1e-15);
      }
    }
  }

  @Test
  void btcCoreInBtcSeasonHoldsBtcAtFiftyAndSharesTheRestByInverseVariance() {
    // BTC's marginal 2 x 0.5 x 0.0016 is above everything else: it sits at the core's 50%. USDC's is
    // nearly 0: at its 30% maximum. ETH + SOL = 20% with 0.0009 w_ETH = 0.0036 w_SOL: 16% and 4%.
    assertWeights(Map.of("BTC", 0.5, "ETH", 0.16, "SOL", 0.04, "USDC", 0.3),
        minVolatility(Regime.BTC_SEASON, Map.of(), RegimeBounds.BtcCore.DEFAULT));
  }

  @Test
  void anAssetBoundNarrowsOneAssetInsideItsGroup() {
    // ETH capped at 12%: the 20% left after BTC and USDC gives SOL the other 8% (its ALT group allows 10%)
    assertWeights(Map.of("BTC", 0.5, "ETH", 0.12, "SOL", 0.08, "USDC", 0.3),
        minVolatility(Regime.BTC_SEASON, Map.of("ETH", new Bound(0, 0.12)), RegimeBounds.BtcCore.DEFAULT));
  }

  @Test
  void anAssetBoundThatBreaksItsGroupIsReportedNamingTheAsset() {
    RegimeBounds.Resolved c = RegimeBounds.DEFAULTS.constraintsFor(Regime.BTC_SEASON, GROUPS, Map.of("ETH", new Bound(0, 0.05)),
        RegimeBounds.BtcCore.DEFAULT);
    OptimizationResult.Infeasible i = assertInstanceOf(OptimizationResult.Infeasible.class,
        PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MIN_VOLATILITY, hadamard(), c.constraints())));
    // the ETH group needs 10% and its only asset may hold 5%
    assertEquals("group ETH", i.constraint(), i.reason());
  }

  @Test
  void theProfileWinningInAltSeasonLeavesOnlyTheMinimums() {
    // BTC 50% (the profile over the regime's 10-40%), ETH 30% and ALT 20% minimums: the whole portfolio
    RegimeBounds.Resolved c = RegimeBounds.DEFAULTS.constraintsFor(Regime.ALT_SEASON, GROUPS, Map.of(), RegimeBounds.BtcCore.DEFAULT);
    assertEquals("BTC-core 0.5:0.6 conflicts with ALT_SEASON 0.1:0.4: the profile wins", c.btcBoundNote());
    assertWeights(Map.of("BTC", 0.5, "ETH", 0.3, "SOL", 0.2, "USDC", 0.0),
        minVolatility(Regime.ALT_SEASON, Map.of(), RegimeBounds.BtcCore.DEFAULT));
  }

  @Test
  void theRegimeWinningInAltSeasonKeepsBtcWithinItsTenToForty() {
    // USDC at its 20% maximum, SOL at its 20% minimum (marginal 0.00144 against BTC's and ETH's below);
    // BTC + ETH = 60% with 0.0016 w_BTC = 0.0009 w_ETH: 21.6% and 38.4%
    Map<String, Double> w = minVolatility(Regime.ALT_SEASON, Map.of(), new RegimeBounds.BtcCore(new Bound(0.5, 0.6), false));
    assertWeights(Map.of("BTC", 0.216, "ETH", 0.384, "SOL", 0.2, "USDC", 0.2), w);
    assertTrue(w.get("BTC") <= 0.4 + 1e-9, w.toString());
  }

  @Test
  void withoutTheProfileBtcSeasonLetsBtcGoToTheRegimesMinimum() {
    // the same water-filling with the regime's 50-100%: BTC is still the most expensive at 50%
    assertWeights(Map.of("BTC", 0.5, "ETH", 0.16, "SOL", 0.04, "USDC", 0.3), minVolatility(Regime.BTC_SEASON, Map.of(), null));
    // and in Risk On BTC is free: 20-40% each, USDC 0-20%; all of BTC, ETH, SOL at equal marginals would need
    // w_SOL = 0.0009/0.0036 w_ETH, below its 20% minimum: SOL 20%, USDC 20%, BTC + ETH = 60% as above
    assertWeights(Map.of("BTC", 0.216, "ETH", 0.384, "SOL", 0.2, "USDC", 0.2), minVolatility(Regime.RISK_ON, Map.of(), null));
  }
}
