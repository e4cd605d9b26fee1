package dev.ballast.engine.analytics.series;

import static dev.ballast.engine.analytics.Fixtures.JAN_1_2024;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.analytics.Fixtures;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReturnSeriesTest {

    @Test
    void simpleReturnsWithoutFlows() {
        // 100 -> 110 is +10 %, 110 -> 99 is -10 %
        var r = ReturnSeries.of(ValueSeries.daily(JAN_1_2024, 100, 110, 99));
        assertArrayEquals(new double[] {0.10, -0.10}, r.toArray(), 1e-15);
        assertEquals(JAN_1_2024, r.start());
        assertEquals(LocalDate.of(2024, 1, 3), r.end(1));
    }

    @Test
    void flowsAtTheEndOfTheDayAreTakenOutOfThatDaysReturn() {
        // hand case B: (160 - 50) / 100 - 1 = 0.10; (132 + 20) / 160 - 1 = -0.05
        var r = ReturnSeries.of(Fixtures.handCaseB().series());
        assertArrayEquals(new double[] {0.10, -0.05}, r.toArray(), 1e-15);
    }

    @Test
    void logReturns() {
        // ln(110/100) = 0.0953101798043249, ln(99/110) = -0.1053605156578263
        var r = ReturnSeries.of(ValueSeries.daily(JAN_1_2024, 100, 110, 99));
        assertArrayEquals(new double[] {0.0953101798043249, -0.1053605156578263}, r.logReturns(), 1e-15);
    }

    @Test
    void emptyAndOnePointSeriesHaveNoReturns() {
        assertEquals(0, ReturnSeries.of(ValueSeries.daily(JAN_1_2024)).size());
        var one = ReturnSeries.of(ValueSeries.daily(JAN_1_2024, 5));
        assertEquals(0, one.size());
        assertEquals(JAN_1_2024, one.start());
    }

    @Test
    void daysWithoutCapitalHaveReturnZero() {
        // everything withdrawn on day 1, nothing held on day 2, 50 deposited on day 3
        LocalDate[] d = {JAN_1_2024, JAN_1_2024.plusDays(1), JAN_1_2024.plusDays(2), JAN_1_2024.plusDays(3)};
        var series = ValueSeries.of(d, new double[] {100, 0, 0, 50}, new double[] {0, -105, 0, 50});
        assertArrayEquals(new double[] {0.05, 0, 0}, ReturnSeries.of(series).toArray(), 1e-15);
    }

    @Test
    void aGainOnNoCapitalIsRejectedNamingTheDate() {
        var series = ValueSeries.daily(JAN_1_2024, 0, 10);
        var e = assertThrows(IllegalArgumentException.class, () -> ReturnSeries.of(series));
        assertTrue(e.getMessage().startsWith("value on 2024-01-02 (index 1)"), e.getMessage());
    }

    @Test
    void aLossOfMoreThanEverythingIsRejected() {
        LocalDate[] d = {JAN_1_2024, JAN_1_2024.plusDays(1)};
        var series = ValueSeries.of(d, new double[] {100, 40}, new double[] {0, 50});
        var e = assertThrows(IllegalArgumentException.class, () -> ReturnSeries.of(series));
        assertTrue(e.getMessage().contains("value minus flow is negative"), e.getMessage());
    }

    @Test
    void givenReturnsBelowMinusOneAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ReturnSeries.of(JAN_1_2024, new LocalDate[] {JAN_1_2024.plusDays(1)}, new double[] {-1.5}));
        assertEquals("returns[0] (2024-01-02): not a return >= -1: -1.5", e.getMessage());
    }
}
