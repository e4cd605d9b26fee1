package dev.ballast.engine.analytics.series;

import static dev.ballast.engine.analytics.Fixtures.JAN_1_2024;
import static dev.ballast.engine.analytics.Fixtures.valuation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.analytics.Fixtures;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueSeriesTest {

    @Test
    void negativeValueIsRejectedNamingTheDateAndIndex() {
        var e = assertThrows(IllegalArgumentException.class, () -> ValueSeries.daily(JAN_1_2024, 100, 101, -5));
        assertEquals("value on 2024-01-03 (index 2): negative: -5.0", e.getMessage());
    }

    @Test
    void notANumberIsRejectedNamingTheDate() {
        var e = assertThrows(IllegalArgumentException.class, () -> ValueSeries.daily(JAN_1_2024, 100, Double.NaN));
        assertTrue(e.getMessage().startsWith("value on 2024-01-02 (index 1): not a finite number"), e.getMessage());
    }

    @Test
    void datesMustIncrease() {
        LocalDate[] dates = {JAN_1_2024, JAN_1_2024.plusDays(2), JAN_1_2024.plusDays(2)};
        var e = assertThrows(IllegalArgumentException.class, () -> ValueSeries.of(dates, new double[] {1, 2, 3}));
        assertEquals("dates[2]: 2024-01-03 is not after 2024-01-03", e.getMessage());
    }

    @Test
    void negativeValuationIsRejectedNamingTheDate() {
        var e = assertThrows(IllegalArgumentException.class, () -> valuation("2024-02-29", "-0.01"));
        assertEquals("value on 2024-02-29: negative: -0.01", e.getMessage());
    }

    @Test
    void historyKeepsExactValuesAndADoubleView() {
        var history = Fixtures.handCaseB();
        assertEquals(3, history.size());
        assertArrayEquals(new double[] {100, 160, 132}, history.series().values());
        assertArrayEquals(new double[] {0, 50, -20}, history.series().flows());
        assertEquals(new java.math.BigDecimal("30"), history.flowsAfterStart());
        assertEquals(new java.math.BigDecimal("50"), history.depositsAfterStart());
    }

    @Test
    void historyRejectsDatesOutOfOrder() {
        var e = assertThrows(IllegalArgumentException.class, () -> ValuationHistory.of(List.of(
                valuation("2024-01-02", "1"), valuation("2024-01-01", "1"))));
        assertEquals("dates[1]: 2024-01-01 is not after 2024-01-02", e.getMessage());
    }
}
