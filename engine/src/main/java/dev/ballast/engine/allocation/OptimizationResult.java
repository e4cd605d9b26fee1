package dev.ballast.engine.allocation;

import java.util.List;
import java.util.Map;

/** What an optimizer found: weights with their figures, or why no portfolio keeps the bounds. */
public sealed interface OptimizationResult {

  Objective objective();

  /**
   * The optimal weights in the order of the window's assets and their figures, annualized with the
   * request's periods per year; {@code riskContributions} are fractions of the variance (sum 1).
   *
   * @param cvar the historical CVaR per period at the request's alpha, as a positive loss
   * @param objectiveValue what the solver minimised (worst-case CVaR for dro-cvar)
   * @param shrinkage the Ledoit-Wolf intensity used (0 for the sample covariance)
   */
  record Optimal(
      Objective objective,
      List<String> assets,
      List<Double> weights,
      double expectedReturn,
      double volatility,
      double sharpe,
      double cvar,
      List<Double> riskContributions,
      double objectiveValue,
      double shrinkage) implements OptimizationResult {

    public Optimal {
      assets = List.copyOf(assets);
      weights = List.copyOf(weights);
      riskContributions = List.copyOf(riskContributions);
    }

    public double weight(String asset) {
      int i = assets.indexOf(asset);
      if (i < 0) {
        throw new IllegalArgumentException("asset " + asset + " is not in " + assets);
      }
      return weights.get(i);
    }

    public Map<String, Double> weightsByAsset() {
      Map<String, Double> out = new java.util.LinkedHashMap<>();
      for (int i = 0; i < assets.size(); i++) {
        out.put(assets.get(i), weights.get(i));
      }
      return out;
    }
  }

  /**
   * No portfolio keeps the bounds (or reaches the target): {@code constraint} names the one that
   * breaks them ("sum of minimums", "group ALT", "asset BTC", "target return", ...).
   */
  record Infeasible(Objective objective, String constraint, String reason) implements OptimizationResult {}
}
