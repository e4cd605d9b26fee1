package dev.ballast.engine.analytics.risk;

import dev.ballast.engine.analytics.InputChecks;
import dev.ballast.engine.analytics.stats.SampleStatistics;

/** Statistics of a portfolio's returns against a benchmark's returns over the same periods. */
public final class BenchmarkStatistics {

    private BenchmarkStatistics() {
    }

    /**
     * Beta {@code cov(r, b) / var(b)}; NaN for fewer than two returns or a benchmark with zero
     * volatility (docs/metrics.md#beta).
     */
    public static double beta(double[] returns, double[] benchmark) {
        check(returns, benchmark);
        double varB = SampleStatistics.variance(benchmark);
        if (!(Math.sqrt(varB) > Volatility.ZERO_VOLATILITY)) {
            return Double.NaN;
        }
        return SampleStatistics.covariance(returns, benchmark) / varB;
    }

    /**
     * Jensen's alpha, annualized arithmetically:
     * {@code P (mean(r - rf) - beta mean(b - rf))}; NaN when beta is (docs/metrics.md#alpha).
     */
    public static double alpha(double[] returns, double[] benchmark, RiskFreeRate riskFree, int periodsPerYear) {
        double beta = beta(returns, benchmark);
        double[] rf = riskFree.perPeriod(returns.length, periodsPerYear);
        double excessR = SampleStatistics.mean(SampleStatistics.minus(returns, rf));
        double excessB = SampleStatistics.mean(SampleStatistics.minus(benchmark, rf));
        return periodsPerYear * (excessR - beta * excessB);
    }

    /**
     * Tracking error: sample standard deviation of {@code r - b} times {@code sqrt(P)}; NaN for fewer
     * than two returns (docs/metrics.md#tracking-error).
     */
    public static double trackingError(double[] returns, double[] benchmark, int periodsPerYear) {
        check(returns, benchmark);
        InputChecks.requirePeriodsPerYear(periodsPerYear);
        return SampleStatistics.standardDeviation(SampleStatistics.minus(returns, benchmark)) * Math.sqrt(periodsPerYear);
    }

    /**
     * Information ratio: annualized mean active return {@code P mean(r - b)} over the tracking error;
     * NaN when the tracking error is zero or undefined (docs/metrics.md#information-ratio).
     */
    public static double informationRatio(double[] returns, double[] benchmark, int periodsPerYear) {
        double te = trackingError(returns, benchmark, periodsPerYear);
        if (!(te / Math.sqrt(periodsPerYear) > Volatility.ZERO_VOLATILITY)) {
            return Double.NaN;
        }
        return periodsPerYear * SampleStatistics.mean(SampleStatistics.minus(returns, benchmark)) / te;
    }

    private static void check(double[] returns, double[] benchmark) {
        InputChecks.requireFinite(returns, "returns");
        InputChecks.requireFinite(benchmark, "benchmark");
        InputChecks.requireSameLength(returns, "returns", benchmark, "benchmark");
    }
}
