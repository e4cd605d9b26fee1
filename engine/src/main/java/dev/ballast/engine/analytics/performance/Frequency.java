package dev.ballast.engine.analytics.performance;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/** Calendar periods that returns are reported per; weeks are ISO weeks (Monday to Sunday). */
public enum Frequency {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    /**
     * The epoch day on which the period after the one holding {@code epochDay} begins. Dates in
     * increasing order stay in one period while they lie before this day, so grouping a series
     * needs one calendar computation per period, not per point.
     */
    long nextStart(long epochDay) {
        return switch (this) {
            case DAY -> epochDay + 1;
            // 1970-01-05 was a Monday: the next Monday is 7 days after the Monday that starts this week
            case WEEK -> epochDay - Math.floorMod(epochDay - 4, 7) + 7;
            case MONTH -> CivilDays.firstDayOfMonth(CivilDays.monthIndex(epochDay) + 1);
            case QUARTER -> CivilDays.firstDayOfMonth(Math.floorDiv(CivilDays.monthIndex(epochDay), 3) * 3 + 3);
            case YEAR -> CivilDays.firstDayOfMonth(Math.floorDiv(CivilDays.monthIndex(epochDay), 12) * 12 + 12);
        };
    }

    /** The label of the period holding {@code date}: 2024-03-05, 2024-W10, 2024-03, 2024-Q1, 2024. */
    public String label(LocalDate date) {
        return switch (this) {
            case DAY -> date.toString();
            case WEEK -> String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format("%d-%02d", date.getYear(), date.getMonthValue());
            case QUARTER -> date.getYear() + "-Q" + date.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> Integer.toString(date.getYear());
        };
    }
}
