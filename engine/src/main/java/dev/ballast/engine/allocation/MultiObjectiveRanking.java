package dev.ballast.engine.allocation;

import dev.ballast.engine.analytics.risk.Drawdown;
import dev.ballast.engine.analytics.risk.RiskRatios;
import dev.ballast.engine.analytics.risk.ValueAtRisk;
import dev.ballast.engine.analytics.stats.SampleStatistics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ranks candidate portfolios (weights over one returns window) by Sharpe, Sortino, Calmar and STARR
 * together: each figure is computed from the candidate's portfolio returns over the window, scaled
 * min-max across the candidates to 0..1 (so no figure outweighs another by its units), and the
 * scaled figures are averaged with the given weights. A figure that is undefined for a candidate
 * (no volatility, no downside, no drawdown) scales to 0 for it: an unmeasured merit is not counted.
 */
public final class MultiObjectiveRanking {

  private MultiObjectiveRanking() {}

  /** How much each figure counts; the defaults count each the same. */
  public record Weights(double sharpe, double sortino, double calmar, double starr) {
    public static final Weights EQUAL = new Weights(1, 1, 1, 1);

    public Weights {
      for (double w : new double[] {sharpe, sortino, calmar, starr}) {
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("ranking weights: each must be 0 or more, got " + w);
        }
      }
      if (sharpe + sortino + calmar + starr <= 0) {
        throw new IllegalArgumentException("ranking weights: at least one must be above 0");
      }
    }
  }

  /**
   * One candidate's figures (annualized with the periods per year, except STARR: mean excess return
   * per period over CVaR per period at alpha), the same scaled to 0..1, and its score.
   */
  public record Ranked(String name, Map<String, Double> weights, double sharpe, double sortino, double calmar, double starr,
      double sharpeScaled, double sortinoScaled, double calmarScaled, double starrScaled, double score) {
    public Ranked {
      weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }
  }

  /**
   * The candidates best first (ties by name). {@code riskFree} is per period; {@code cvarAlpha} the
   * tail probability of STARR's CVaR (0.05: the mean of the worst 5%).
   */
  public static List<Ranked> rank(Map<String, Map<String, Double>> candidates, ReturnsWindow window, Weights weights, double riskFree,
      double cvarAlpha, int periodsPerYear) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(weights, "weights");
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("candidates: none to rank");
    }
    if (!(cvarAlpha > 0 && cvarAlpha < 1)) {
      throw new IllegalArgumentException("cvarAlpha: must be between 0 and 1, was " + cvarAlpha);
    }
    List<String> names = new ArrayList<>(candidates.keySet());
    int n = names.size();
    double[][] figures = new double[4][n];
    for (int c = 0; c < n; c++) {
      Map<String, Double> w = candidates.get(names.get(c));
      double[] weightVector = new double[window.size()];
      for (int i = 0; i < window.size(); i++) {
        weightVector[i] = w.getOrDefault(window.assets().get(i), 0.0);
      }
      for (String asset : w.keySet()) {
        if (!window.assets().contains(asset)) {
          throw new IllegalArgumentException("candidates." + names.get(c) + "." + asset + ": not in the returns window " + window.assets());
        }
      }
      double[] returns = window.portfolioReturns(weightVector);
      double[] excess = new double[returns.length];
      for (int t = 0; t < returns.length; t++) {
        excess[t] = returns[t] - riskFree;
      }
      figures[0][c] = RiskRatios.sharpeOfExcess(excess, periodsPerYear);
      figures[1][c] = RiskRatios.sortinoOfExcess(excess, periodsPerYear);
      double[] wealth = Drawdown.wealthIndex(returns);
      double cagr = Math.pow(wealth[wealth.length - 1], (double) periodsPerYear / returns.length) - 1;
      figures[2][c] = RiskRatios.calmar(cagr, Drawdown.maximumDepth(returns));
      double cvar = ValueAtRisk.conditional(returns, 1 - cvarAlpha);
      figures[3][c] = cvar > 0 ? SampleStatistics.mean(excess) / cvar : Double.NaN;
    }
    double[][] scaled = new double[4][];
    for (int k = 0; k < 4; k++) {
      scaled[k] = minMax(figures[k]);
    }
    double total = weights.sharpe() + weights.sortino() + weights.calmar() + weights.starr();
    List<Ranked> out = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      double score = (weights.sharpe() * scaled[0][c] + weights.sortino() * scaled[1][c] + weights.calmar() * scaled[2][c]
          + weights.starr() * scaled[3][c]) / total;
      out.add(new Ranked(names.get(c), candidates.get(names.get(c)), figures[0][c], figures[1][c], figures[2][c], figures[3][c],
          scaled[0][c], scaled[1][c], scaled[2][c], scaled[3][c], score));
    }
    out.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::name));
    return out;
  }

  /** Each defined figure as (x - min) / (max - min) over the defined ones; all equal scale to 1, an undefined one to 0. */
  static double[] minMax(double[] x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      if (Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        out[i] = 0;
      } else {
        out[i] = hi > lo ? (x[i] - lo) / (hi - lo) : 1;
      }
    }
    return out;
  }
}
