package dev.ballast.engine.analytics.risk;

import dev.ballast.engine.analytics.InputChecks;
import dev.ballast.engine.analytics.stats.SampleStatistics;

/**
 * Risk-adjusted return ratios: Sharpe, Sortino, Calmar and rolling Sharpe. The {@code ...OfExcess}
 * variants take the excess returns of {@link #excess}, so that a report computing several ratios
 * subtracts the risk-free rate once.
 */
public final class RiskRatios {

    private RiskRatios() {
    }

    /**
     * Annualized Sharpe ratio: mean excess return over its sample standard deviation, times
     * {@code sqrt(P)}; NaN for fewer than two returns or zero volatility (docs/metrics.md#sharpe-ratio).
     */
    public static double sharpe(double[] returns, RiskFreeRate riskFree, int periodsPerYear) {
        return sharpeOfExcess(excess(returns, riskFree, periodsPerYear), periodsPerYear);
    }

    /** {@link #sharpe} of returns from which the risk-free rate is already subtracted. */
    public static double sharpeOfExcess(double[] excess, int periodsPerYear) {
        InputChecks.requirePeriodsPerYear(periodsPerYear);
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
        return sortinoOfExcess(excess(returns, riskFree, periodsPerYear), periodsPerYear);
    }

    /** {@link #sortino} of returns from which the risk-free rate is already subtracted. */
    public static double sortinoOfExcess(double[] excess, int periodsPerYear) {
        InputChecks.requirePeriodsPerYear(periodsPerYear);
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
        return rollingSharpeOfExcess(excess(returns, riskFree, periodsPerYear), window, periodsPerYear);
    }

    /** {@link #rollingSharpe} of returns from which the risk-free rate is already subtracted. */
    public static double[] rollingSharpeOfExcess(double[] excess, int window, int periodsPerYear) {
        InputChecks.requirePeriodsPerYear(periodsPerYear);
        return RollingMoments.meanOverDeviation(excess, window, Math.sqrt(periodsPerYear));
    }

    /** Returns minus the risk-free return of each period (docs/metrics.md#risk-free-rate). */
    public static double[] excess(double[] returns, RiskFreeRate riskFree, int periodsPerYear) {
        InputChecks.requireFinite(returns, "returns");
        InputChecks.requirePeriodsPerYear(periodsPerYear);
        if (riskFree instanceof RiskFreeRate.Constant constant) {
            // the same difference as against an array filled with the rate, without building that array
            double rate = constant.perPeriodRate(periodsPerYear);
            double[] out = new double[returns.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = returns[i] - rate;
            }
            return out;
        }
        return SampleStatistics.minus(returns, riskFree.perPeriod(returns.length, periodsPerYear));
    }
}
