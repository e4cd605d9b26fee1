package dev.ballast.engine.analytics.performance;

import dev.ballast.engine.analytics.series.ReturnSeries;
import java.util.ArrayList;
import java.util.List;

/** Time-weighted returns per day, week, month, quarter or year. */
public final class PeriodReturns {

    private PeriodReturns() {
    }

    /**
     * Chains the daily returns whose end date lies in each calendar period; the first and last
     * periods can be partial, and periods without any valuation are left out
     * (docs/metrics.md#period-returns).
     */
    public static List<PeriodReturn> of(ReturnSeries returns, Frequency frequency) {
        List<PeriodReturn> out = new ArrayList<>();
        int n = returns.size();
        int i = 0;
        while (i < n) {
            long key = frequency.key(returns.end(i));
            int first = i;
            double growth = 1;
            while (i < n && frequency.key(returns.end(i)) == key) {
                growth *= 1 + returns.get(i);
                i++;
            }
            out.add(new PeriodReturn(frequency, returns.pointDate(first), returns.end(i - 1), growth - 1));
        }
        return out;
    }
}
