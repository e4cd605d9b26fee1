package dev.ballast.engine.allocation;

import java.util.List;

/**
 * Periodic simple returns of several assets over the same periods: {@code returns[t][i]} is asset
 * {@code i}'s return in period {@code t}. The optimizers estimate from this window only.
 */
public record ReturnsWindow(List<String> assets, double[][] returns) {

  public ReturnsWindow {
    assets = List.copyOf(assets);
    if (assets.isEmpty()) {
      throw new IllegalArgumentException("assets: none");
    }
    if (assets.stream().distinct().count() != assets.size()) {
      throw new IllegalArgumentException("assets: an asset appears twice in " + assets);
    }
    if (returns.length < 2) {
      throw new IllegalArgumentException("returns: " + returns.length + " periods; at least 2 are needed to estimate a covariance");
    }
    double[][] copy = new double[returns.length][];
    for (int t = 0; t < returns.length; t++) {
      if (returns[t].length != assets.size()) {
        throw new IllegalArgumentException("returns[" + t + "]: " + returns[t].length + " values for " + assets.size() + " assets");
      }
      for (int i = 0; i < returns[t].length; i++) {
        if (!Double.isFinite(returns[t][i])) {
          throw new IllegalArgumentException("returns[" + t + "][" + assets.get(i) + "]: not a number");
        }
      }
      copy[t] = returns[t].clone();
    }
    returns = copy;
  }

  /** Simple returns of consecutive prices, {@code prices[t][i]} asset {@code i} at time {@code t}. */
  public static ReturnsWindow fromPrices(List<String> assets, double[][] prices) {
    if (prices.length < 3) {
      throw new IllegalArgumentException("prices: " + prices.length + " rows; at least 3 are needed (2 returns)");
    }
    double[][] r = new double[prices.length - 1][assets.size()];
    for (int t = 1; t < prices.length; t++) {
      for (int i = 0; i < assets.size(); i++) {
        double before = prices[t - 1][i];
        if (!(before > 0) || !(prices[t][i] > 0)) {
          throw new IllegalArgumentException("prices[" + (before > 0 ? t : t - 1) + "][" + assets.get(i) + "]: not a positive price");
        }
        r[t - 1][i] = prices[t][i] / before - 1;
      }
    }
    return new ReturnsWindow(assets, r);
  }

  public int periods() {
    return returns.length;
  }

  public int size() {
    return assets.size();
  }

  /** The returns of a portfolio with these weights in each period. */
  public double[] portfolioReturns(double[] weights) {
    double[] out = new double[returns.length];
    for (int t = 0; t < returns.length; t++) {
      double s = 0;
      for (int i = 0; i < weights.length; i++) {
        s += weights[i] * returns[t][i];
      }
      out[t] = s;
    }
    return out;
  }
}
