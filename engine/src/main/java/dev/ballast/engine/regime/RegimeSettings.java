package dev.ballast.engine.regime;

/**
 * Windows and thresholds of the classifier (docs/strategies.md gives the reasoning); read from
 * {@code ballast.regime} in the configuration.
 *
 * @param trendDays the window of the trend of the total market cap and of the dominance drifts
 * @param volatilityDays the window of the Yang-Zhang volatility of the total market cap
 * @param riskOffTrend a fall of the total cap beyond this (a fraction, e.g. 0.10) is Risk Off
 * @param stableFlight a rise of stablecoin dominance beyond this many points in a falling market is Risk Off
 * @param hodlBand a trend within plus or minus this, with volatility below {@code hodlMaxVolatility}, is HODL
 * @param hodlMaxVolatility annualized volatility below which a flat market is HODL
 * @param seasonShift dominance points over the window that make a rally a BTC or an Alt/ETH season
 * @param confirmDays a new regime must be classified this many days in a row before it is taken
 * @param minDwellDays a regime is held at least this many days before it changes
 */
public record RegimeSettings(
    int trendDays, int volatilityDays, double riskOffTrend, double stableFlight, double hodlBand, double hodlMaxVolatility,
    double seasonShift, int confirmDays, int minDwellDays) {

  public static final RegimeSettings DEFAULTS = new RegimeSettings(30, 30, 0.10, 1.0, 0.05, 0.45, 1.5, 3, 7);

  public RegimeSettings {
    if (trendDays < 2 || volatilityDays < 3) {
      throw new IllegalArgumentException("trendDays must be at least 2 and volatilityDays at least 3");
    }
    if (confirmDays < 1 || minDwellDays < 0) {
      throw new IllegalArgumentException("confirmDays must be at least 1 and minDwellDays 0 or more");
    }
  }

  /** How many days the classifier keeps: enough for both windows. */
  public int lookback() {
    return Math.max(trendDays, volatilityDays) + 1;
  }
}
