package dev.ballast.engine.analytics.performance;

import dev.ballast.engine.analytics.series.ReturnSeries;
import dev.ballast.engine.analytics.series.ValueSeries;

/** Time-weighted return: performance of the portfolio independent of when money was paid in or out. */
public final class TimeWeightedReturn {

    private TimeWeightedReturn() {
    }

    /**
     * Daily chain-linked TWR {@code prod(1 + r_t) - 1} with {@code r_t = (V_t - F_t) / V_(t-1) - 1},
     * flows at the end of the day; NaN when empty, 0 for one point
     * (docs/metrics.md#time-weighted-return).
     */
    public static double of(ValueSeries series) {
        if (series.isEmpty()) {
            return Double.NaN;
        }
        return CumulativeReturn.of(ReturnSeries.of(series).toArray());
    }

    /** The TWR as a CAGR over the calendar days of the series (docs/metrics.md#cagr). */
    public static double annualized(ValueSeries series) {
        if (series.size() < 2) {
            return Double.NaN;
        }
        return AnnualizedReturn.cagr(of(series), series.date(0), series.date(series.size() - 1));
    }
}
