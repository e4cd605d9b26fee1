package dev.ballast.engine.analytics.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import org.junit.jupiter.api.Test;

/** The integer calendar arithmetic against {@link LocalDate}, day by day. */
class CivilDaysTest {

    private static final LocalDate FROM = LocalDate.of(1900, 1, 1);
    private static final LocalDate TO = LocalDate.of(2100, 12, 31);

    @Test
    void monthIndexAndFirstDayOfMonthAgreeWithLocalDateOnEveryDayFrom1900To2100() {
        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            long month = CivilDays.monthIndex(d.toEpochDay());
            assertEquals(d.getYear() * 12L + d.getMonthValue() - 1, month, d::toString);
            assertEquals(d.withDayOfMonth(1).toEpochDay(), CivilDays.firstDayOfMonth(month), d::toString);
        }
    }

    @Test
    void epochDayFromTheYearStartAgreesWithLocalDateOnEveryDayFrom1900To2100() {
        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            long yearStart = CivilDays.yearStart(d.getYear());
            assertEquals(LocalDate.of(d.getYear(), 1, 1).toEpochDay(), yearStart, d::toString);
            assertEquals(d.toEpochDay(), CivilDays.epochDay(yearStart, d.isLeapYear(), d.getMonthValue(), d.getDayOfMonth()), d::toString);
        }
    }

    @Test
    void agreesWithLocalDateAtTheEdgesOfItsRange() {
        LocalDate[] dates = {LocalDate.MIN, LocalDate.MIN.plusDays(400), LocalDate.of(-1, 12, 31), LocalDate.of(0, 1, 1),
            LocalDate.of(0, 2, 29), LocalDate.of(0, 3, 1), LocalDate.of(1600, 2, 29), LocalDate.of(1969, 12, 31),
            LocalDate.of(1970, 1, 1), LocalDate.of(2000, 2, 29), LocalDate.of(2400, 2, 29), LocalDate.MAX.minusDays(400), LocalDate.MAX};
        for (LocalDate d : dates) {
            long month = CivilDays.monthIndex(d.toEpochDay());
            assertEquals(d.getYear() * 12L + d.getMonthValue() - 1, month, d::toString);
            assertEquals(d.withDayOfMonth(1).toEpochDay(), CivilDays.firstDayOfMonth(month), d::toString);
            assertEquals(d.toEpochDay(), CivilDays.epochDay(CivilDays.yearStart(d.getYear()), d.isLeapYear(), d.getMonthValue(),
                    d.getDayOfMonth()), d::toString);
        }
    }

    /** The period of a date as LocalDate and IsoFields see it: equal exactly for dates in one period. */
    private static String period(Frequency f, LocalDate d) {
        return switch (f) {
            case DAY -> d.toString();
            case WEEK -> d.get(IsoFields.WEEK_BASED_YEAR) + "-" + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH -> d.getYear() + "-" + d.getMonthValue();
            case QUARTER -> d.getYear() + "-" + d.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> Integer.toString(d.getYear());
        };
    }

    @Test
    void nextStartIsTheFirstDayOfTheFollowingPeriodOnEveryDayFrom1900To2100() {
        for (Frequency f : Frequency.values()) {
            for (long day = FROM.toEpochDay(); day <= TO.toEpochDay(); day++) {
                LocalDate d = LocalDate.ofEpochDay(day);
                LocalDate next = LocalDate.ofEpochDay(f.nextStart(d.toEpochDay()));
                assertTrue(next.isAfter(d), () -> f + " " + d);
                // the day before the next start is still in the period of d, the next start is not
                assertEquals(period(f, d), period(f, next.minusDays(1)), () -> f + " " + d);
                assertNotEquals(period(f, d), period(f, next), () -> f + " " + d);
            }
        }
    }
}
