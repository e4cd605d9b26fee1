package dev.ballast.engine.analytics.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.analytics.series.ReturnSeries;
import dev.ballast.engine.analytics.series.ValueSeries;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Period returns of every frequency at once, against grouping by the calendar fields of LocalDate. */
class PeriodReturnsEveryFrequencyTest {

    /** Weekdays only, with random gaps, over leap years and year ends from 1999 to 2025. */
    private static ReturnSeries returns() {
        SplittableRandom random = new SplittableRandom(11);
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = LocalDate.of(1999, 12, 27); d.getYear() < 2026; d = d.plusDays(1 + (random.nextInt(10) == 0 ? 9 : 0))) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                dates.add(d);
            }
        }
        double[] values = new double[dates.size()];
        values[0] = 100;
        for (int i = 1; i < values.length; i++) {
            values[i] = values[i - 1] * (1 + (random.nextDouble() - 0.5) * 0.04);
        }
        return ReturnSeries.of(ValueSeries.of(dates.toArray(LocalDate[]::new), values));
    }

    /** The period of a date by its LocalDate fields: equal exactly for dates in one period. */
    private static long key(Frequency f, LocalDate d) {
        return switch (f) {
            case DAY -> d.toEpochDay();
            case WEEK -> d.get(IsoFields.WEEK_BASED_YEAR) * 100L + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH -> d.getYear() * 100L + d.getMonthValue();
            case QUARTER -> d.getYear() * 10L + d.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> d.getYear();
        };
    }

    /** The grouping as it was written before the epoch-day arithmetic: a key per date. */
    private static List<PeriodReturn> byKey(ReturnSeries returns, Frequency f) {
        List<PeriodReturn> out = new ArrayList<>();
        int i = 0;
        while (i < returns.size()) {
            long key = key(f, returns.end(i));
            int first = i;
            double growth = 1;
            while (i < returns.size() && key(f, returns.end(i)) == key) {
                growth *= 1 + returns.get(i);
                i++;
            }
            out.add(new PeriodReturn(f, returns.pointDate(first), returns.end(i - 1), growth - 1));
        }
        return out;
    }

    @Test
    void everyFrequencyAtOnceIsEachFrequencyAloneIsGroupingByCalendarFields() {
        ReturnSeries returns = returns();
        var all = PeriodReturns.ofEveryFrequency(returns);
        assertEquals(List.of(Frequency.values()), List.copyOf(all.keySet()));
        for (Frequency f : Frequency.values()) {
            // records compare their doubles bit for bit
            assertEquals(byKey(returns, f), all.get(f), f::toString);
            assertEquals(all.get(f), PeriodReturns.of(returns, f), f::toString);
        }
    }

    @Test
    void emptyReturnsHaveNoPeriods() {
        ReturnSeries none = ReturnSeries.of(ValueSeries.daily(LocalDate.of(2024, 1, 1), 100));
        for (Frequency f : Frequency.values()) {
            assertEquals(List.of(), PeriodReturns.ofEveryFrequency(none).get(f));
            assertEquals(List.of(), PeriodReturns.of(none, f));
        }
    }
}
