package dev.ballast.engine.analytics.performance;

import dev.ballast.engine.analytics.series.ReturnSeries;
import java.time.LocalDate;
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
        return frequency == Frequency.DAY ? days(returns) : grouped(returns, frequency, epochDays(returns));
    }

    /** {@link #of} for every frequency, in the order of {@link Frequency#values()}. */
    public static Map<Frequency, List<PeriodReturn>> ofEveryFrequency(ReturnSeries returns) {
        // the epoch days once for every frequency
        long[] days = epochDays(returns);
        Map<Frequency, List<PeriodReturn>> out = new EnumMap<>(Frequency.class);
        for (Frequency f : Frequency.values()) {
            out.put(f, f == Frequency.DAY ? days(returns) : grouped(returns, f, days));
        }
        return out;
    }

    /**
     * The end dates as epoch days, so that grouping compares integers. The dates increase, so the
     * start of a year is computed once per year and each date adds its day of the year from a table.
     */
    private static long[] epochDays(ReturnSeries returns) {
        long[] days = new long[returns.size()];
        int year = 0;
        long yearStart = 0;
        boolean leap = false;
        for (int i = 0; i < days.length; i++) {
            LocalDate date = returns.end(i);
            if (i == 0 || date.getYear() != year) {
                year = date.getYear();
                yearStart = CivilDays.yearStart(year);
                leap = date.isLeapYear();
            }
            days[i] = CivilDays.epochDay(yearStart, leap, date.getMonthValue(), date.getDayOfMonth());
        }
        return days;
    }

    /**
     * The end dates strictly increase, so each return is a day of its own. Its value is chained from
     * growth 1 like a longer period's, so (1 + r) - 1 rather than r, which can differ in the last bit.
     */
    private static List<PeriodReturn> days(ReturnSeries returns) {
        int n = returns.size();
        List<PeriodReturn> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new PeriodReturn(Frequency.DAY, returns.pointDate(i), returns.end(i), (1 + returns.get(i)) - 1));
        }
        return out;
    }

    /** The periods of a frequency longer than a day; {@code days} are the end dates as epoch days. */
    private static List<PeriodReturn> grouped(ReturnSeries returns, Frequency frequency, long[] days) {
        int n = days.length;
        List<PeriodReturn> out = new ArrayList<>();
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
