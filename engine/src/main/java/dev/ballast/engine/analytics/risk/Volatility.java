package dev.ballast.engine.analytics.risk;

import dev.ballast.engine.analytics.InputChecks;
import dev.ballast.engine.analytics.stats.SampleStatistics;

/** Annualized volatility, downside deviation and their rolling versions over simple period returns. */
public final class Volatility {

    /** A per-period standard deviation at or below this is zero volatility (docs/metrics.md#conventions). */
    public static final double ZERO_VOLATILITY = 1e-12;

    private Volatility() {
    }

    /**
     * Sample standard deviation of the returns times {@code sqrt(P)}; NaN for fewer than two returns
     * (docs/metrics.md#annualized-volatility).
     */
    public static double annualized(double[] returns, int periodsPerYear) {
        InputChecks.requireFinite(returns, "returns");
        InputChecks.requirePeriodsPerYear(periodsPerYear);
        return SampleStatistics.standardDeviation(returns) * Math.sqrt(periodsPerYear);
    }

    /**
     * Root mean square of the shortfalls below a minimum acceptable return per period, annualized
     * with {@code sqrt(P)}; NaN for fewer than two returns (docs/metrics.md#downside-deviation).
     */
    public static double downsideDeviation(double[] returns, double minimumAcceptable, int periodsPerYear) {
        InputChecks.requireFinite(returns, "returns");
        InputChecks.requirePeriodsPerYear(periodsPerYear);
        return perPeriodDownside(returns, minimumAcceptable) * Math.sqrt(periodsPerYear);
    }

    static double perPeriodDownside(double[] returns, double minimumAcceptable) {
        int n = returns.length;
        if (n < 2) {
            return Double.NaN;
        }
        double ss = 0;
        for (double r : returns) {
            double shortfall = Math.min(0, r - minimumAcceptable);
            ss += shortfall * shortfall;
        }
        return Math.sqrt(ss / n);
    }

    /**
     * Annualized volatility over each trailing window of {@code window} returns, aligned with the
     * returns: element i covers returns i-window+1..i; the first window-1 elements are NaN
     * (docs/metrics.md#rolling-volatility).
     */
    public static double[] rolling(double[] returns, int window, int periodsPerYear) {
        InputChecks.requireFinite(returns, "returns");
        InputChecks.requirePeriodsPerYear(periodsPerYear);
        return RollingMoments.standardDeviations(returns, window, Math.sqrt(periodsPerYear));
    }
}
