package dev.ballast.engine.analytics.performance;

import dev.ballast.engine.analytics.InputChecks;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Compound annual growth rate (CAGR) of a cumulative return. */
public final class AnnualizedReturn {

    /** Days per year in every calendar-time annualization, the same as Excel's XIRR. */
    public static final double DAYS_PER_YEAR = 365.0;

    private AnnualizedReturn() {
    }

    /**
     * CAGR over calendar time: {@code (1 + R)^(365 / days) - 1}, days between the first and the last
     * valuation; NaN when they are the same day or R is NaN (docs/metrics.md#cagr).
     */
    public static double cagr(double cumulativeReturn, LocalDate start, LocalDate end) {
        long days = ChronoUnit.DAYS.between(start, end);
        if (days <= 0 || Double.isNaN(cumulativeReturn)) {
            return Double.NaN;
        }
        return Math.pow(1 + cumulativeReturn, DAYS_PER_YEAR / days) - 1;
    }

    /**
     * CAGR over a count of regular periods: {@code (1 + R)^(P / n) - 1}; NaN for no periods
     * (docs/metrics.md#cagr).
     */
    public static double cagrOverPeriods(double cumulativeReturn, int periods, int periodsPerYear) {
        InputChecks.requirePeriodsPerYear(periodsPerYear);
        if (periods <= 0 || Double.isNaN(cumulativeReturn)) {
            return Double.NaN;
        }
        return Math.pow(1 + cumulativeReturn, (double) periodsPerYear / periods) - 1;
    }
}
