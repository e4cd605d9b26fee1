package dev.ballast.engine.analytics.performance;

import dev.ballast.engine.analytics.series.ReturnSeries;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
        return of(returns, frequency, epochDays(returns));
    }

    /** {@link #of} for every frequency, in the order of {@link Frequency#values()}. */
    public static Map<Frequency, List<PeriodReturn>> ofEveryFrequency(ReturnSeries returns) {
        long[] days = epochDays(returns);
        Map<Frequency, List<PeriodReturn>> out = new EnumMap<>(Frequency.class);
        for (Frequency f : Frequency.values()) {
            out.put(f, of(returns, f, days));
        }
        return out;
    }

    /** The end dates as epoch days, converted once so that grouping compares integers. */
    private static long[] epochDays(ReturnSeries returns) {
        long[] days = new long[returns.size()];
        for (int i = 0; i < days.length; i++) {
            days[i] = returns.end(i).toEpochDay();
        }
        return days;
    }

    private static List<PeriodReturn> of(ReturnSeries returns, Frequency frequency, long[] days) {
        int n = days.length;
        List<PeriodReturn> out = new ArrayList<>(frequency == Frequency.DAY ? n : 16);
        int i = 0;
        while (i < n) {
            int first = i;
            // the end dates strictly increase, so the period of the first one lasts until the next period starts
            long next = frequency.nextStart(days[first]);
            double growth = 1;
            do {
                growth *= 1 + returns.get(i);
                i++;
            } while (i < n && days[i] < next);
            out.add(new PeriodReturn(frequency, returns.pointDate(first), returns.end(i - 1), growth - 1));
        }
        return out;
    }
}
