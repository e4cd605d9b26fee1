package dev.ballast.engine.analytics.performance;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/** Calendar periods that returns are reported per; weeks are ISO weeks (Monday to Sunday). */
public enum Frequency {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    /** A number that is equal for two dates exactly when they lie in the same period. */
    long key(LocalDate date) {
        return switch (this) {
            case DAY -> date.toEpochDay();
            // 1970-01-05 was a Monday: days since then, in whole weeks (IsoFields is slow here)
            case WEEK -> Math.floorDiv(date.toEpochDay() - 4, 7);
            case MONTH -> date.getYear() * 100L + date.getMonthValue();
            case QUARTER -> date.getYear() * 10L + (date.getMonthValue() - 1) / 3;
            case YEAR -> date.getYear();
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
