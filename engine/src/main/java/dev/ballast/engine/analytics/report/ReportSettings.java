package dev.ballast.engine.analytics.report;

import dev.ballast.engine.analytics.InputChecks;
import dev.ballast.engine.analytics.risk.RiskFreeRate;

/**
 * Parameters of a {@link SeriesReport}.
 *
 * @param periodsPerYear 252 for trading days, 365 for calendar days (crypto, mixed portfolios)
 * @param riskFree risk-free rate for Sharpe and Sortino
 * @param varConfidence confidence of VaR and CVaR, e.g. 0.95
 * @param rollingWindow returns per window of the rolling volatility and Sharpe ratio
 */
public record ReportSettings(int periodsPerYear, RiskFreeRate riskFree, double varConfidence, int rollingWindow) {

    public ReportSettings {
        InputChecks.requirePeriodsPerYear(periodsPerYear);
        if (riskFree == null) {
            throw new IllegalArgumentException("riskFree: missing");
        }
        if (!(varConfidence > 0 && varConfidence < 1)) {
            throw new IllegalArgumentException("varConfidence: must be between 0 and 1 exclusive: " + varConfidence);
        }
        if (rollingWindow < 2) {
            throw new IllegalArgumentException("rollingWindow: must be at least 2: " + rollingWindow);
        }
    }

    /** No risk-free rate, 95 % VaR and a one-year rolling window. */
    public static ReportSettings defaults(int periodsPerYear) {
        return new ReportSettings(periodsPerYear, RiskFreeRate.ZERO, 0.95, periodsPerYear);
    }

    public ReportSettings withRiskFree(RiskFreeRate rate) {
        return new ReportSettings(periodsPerYear, rate, varConfidence, rollingWindow);
    }
}
