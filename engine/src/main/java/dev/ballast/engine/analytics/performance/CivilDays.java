package dev.ballast.engine.analytics.performance;

/**
 * Proleptic Gregorian calendar arithmetic on epoch days (days since 1970-01-01, as
 * {@link java.time.LocalDate#toEpochDay}) with integers only, for grouping long daily series into
 * months, quarters and years without a {@code LocalDate} per point.
 *
 * <p>The algorithms are Howard Hinnant's {@code civil_from_days} and {@code days_from_civil}
 * (http://howardhinnant.github.io/date_algorithms.html): they count in 400-year eras of 146,097
 * days whose years start on March 1, so the leap day is the last day of a year and the month
 * lengths follow the pattern {@code (153 m + 2) / 5}. Tested against {@code LocalDate} for every day
 * from 1900 to 2100 (CivilDaysTest).
 */
final class CivilDays {

    /** Days from 0000-03-01 to 1970-01-01. */
    private static final long SHIFT = 719_468;
    private static final long DAYS_PER_ERA = 146_097;

    /** Days from January 1 to the first of each month (index 1 to 12) in a common year. */
    private static final int[] DAYS_BEFORE_MONTH = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    private CivilDays() {
    }

    /**
     * The epoch day of a date, given the epoch day of January 1 of its year and whether that year
     * is a leap year: a table lookup, for converting many dates of the same year.
     */
    static long epochDay(long yearStart, boolean leapYear, int month, int dayOfMonth) {
        return yearStart + DAYS_BEFORE_MONTH[month] + (leapYear && month > 2 ? 1 : 0) + dayOfMonth - 1;
    }

    /** The epoch day of January 1 of a year. */
    static long yearStart(long year) {
        return firstDayOfMonth(year * 12);
    }

    /**
     * The month of an epoch day as {@code year * 12 + month - 1} (months since January of year 0),
     * so that consecutive months have consecutive numbers across year ends.
     */
    static long monthIndex(long epochDay) {
        long z = epochDay + SHIFT;
        long era = Math.floorDiv(z, DAYS_PER_ERA);
        long dayOfEra = z - era * DAYS_PER_ERA;                                                   // [0, 146096]
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365; // [0, 399]
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);          // [0, 365], from March 1
        long shiftedMonth = (5 * dayOfYear + 2) / 153;                                            // [0, 11], 0 = March
        long year = era * 400 + yearOfEra;
        // March..December are months 2..11 of that year, January and February months 0..1 of the next
        return shiftedMonth < 10 ? year * 12 + shiftedMonth + 2 : (year + 1) * 12 + shiftedMonth - 10;
    }

    /** The epoch day of the first day of a month given by {@link #monthIndex}. */
    static long firstDayOfMonth(long monthIndex) {
        long year = Math.floorDiv(monthIndex, 12);
        int month = (int) (monthIndex - year * 12) + 1; // 1..12
        // years start on March 1: January and February belong to the year before
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;                                     // [0, 399]
        long dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5; // day 1 of the month, from March 1
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * DAYS_PER_ERA + dayOfEra - SHIFT;
    }
}
