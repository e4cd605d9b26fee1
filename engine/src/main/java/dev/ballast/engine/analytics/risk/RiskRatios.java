package dev.ballast.engine.analytics.risk;

import dev.ballast.engine.analytics.InputChecks;
import dev.ballast.engine.analytics.stats.SampleStatistics;

/** Risk-adjusted return ratios: Sharpe, Sortino, Calmar and rolling Sharpe. */
public final class RiskRatios {

    private RiskRatios() {
    }

    /**
     * Annualized Sharpe ratio: mean excess return over its sample standard deviation, times
     * {@code sqrt(P)}; NaN for fewer than two returns or zero volatility (docs/metrics.md#sharpe-ratio).
     */
    public static double sharpe(double[] returns, RiskFreeRate riskFree, int periodsPerYear) {
        double[] excess = excess(returns, riskFree, periodsPerYear);
        if (excess.length < 2) {
            return Double.NaN;
        }
        double sd = SampleStatistics.standardDeviation(excess);
        if (sd <= Volatility.ZERO_VOLATILITY) {
            return Double.NaN;
        }
        return SampleStatistics.mean(excess) / sd * Math.sqrt(periodsPerYear);
    }

    /**
     * Annualized Sortino ratio: mean excess return over the downside deviation of the excess
     * returns below zero, times {@code sqrt(P)}; NaN for fewer than two returns or no downside
     * (docs/metrics.md#sortino-ratio).
     */
    public static double sortino(double[] returns, RiskFreeRate riskFree, int periodsPerYear) {
        double[] excess = excess(returns, riskFree, periodsPerYear);
        double dd = Volatility.perPeriodDownside(excess, 0);
        if (!(dd > Volatility.ZERO_VOLATILITY)) {
            return Double.NaN;
        }
        return SampleStatistics.mean(excess) / dd * Math.sqrt(periodsPerYear);
    }

    /**
     * Calmar ratio: CAGR over the maximum drawdown; NaN when there was no drawdown
     * (docs/metrics.md#calmar-ratio).
     */
    public static double calmar(double cagr, double maxDrawdown) {
        if (!(maxDrawdown > 0)) {
            return Double.NaN;
        }
        return cagr / maxDrawdown;
    }

    /**
     * Sharpe ratio over each trailing window of {@code window} returns, aligned like
     * {@link Volatility#rolling}; NaN where the window is incomplete or has zero volatility
     * (docs/metrics.md#rolling-sharpe-ratio).
     */
    public static double[] rollingSharpe(double[] returns, RiskFreeRate riskFree, int window, int periodsPerYear) {
        double[] excess = excess(returns, riskFree, periodsPerYear);
        RollingMoments m = RollingMoments.of(excess, window);
        double[] out = new double[excess.length];
        double scale = Math.sqrt(periodsPerYear);
        for (int i = 0; i < out.length; i++) {
            double sd = m.standardDeviations()[i];
            out[i] = sd > Volatility.ZERO_VOLATILITY ? m.means()[i] / sd * scale : Double.NaN;
        }
        return out;
    }

    /** Returns minus the risk-free return of each period (docs/metrics.md#risk-free-rate). */
    public static double[] excess(double[] returns, RiskFreeRate riskFree, int periodsPerYear) {
        InputChecks.requireFinite(returns, "returns");
        InputChecks.requirePeriodsPerYear(periodsPerYear);
        return SampleStatistics.minus(returns, riskFree.perPeriod(returns.length, periodsPerYear));
    }
}
