package dev.ballast.engine.analytics.performance;

import dev.ballast.engine.analytics.InputChecks;
import dev.ballast.engine.analytics.series.ValueSeries;

/** Cumulative return: the growth of one unit over the whole series. */
public final class CumulativeReturn {

    private CumulativeReturn() {
    }

    /**
     * Chained return {@code prod(1 + r_t) - 1}; 0 for no returns (docs/metrics.md#cumulative-return).
     */
    public static double of(double[] returns) {
        InputChecks.requireFinite(returns, "returns");
        double growth = 1;
        for (double r : returns) {
            growth *= 1 + r;
        }
        return growth - 1;
    }

    /**
     * Price return of a series, ignoring flows: {@code V_last / V_first - 1}; NaN when empty or the
     * first value is zero, 0 for one point (docs/metrics.md#cumulative-return).
     */
    public static double ofValues(ValueSeries series) {
        if (series.isEmpty() || series.value(0) == 0) {
            return Double.NaN;
        }
        return series.value(series.size() - 1) / series.value(0) - 1;
    }
}
