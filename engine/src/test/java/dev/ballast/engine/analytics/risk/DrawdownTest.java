package dev.ballast.engine.analytics.risk;

import static dev.ballast.engine.analytics.Fixtures.JAN_1_2024;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.analytics.Fixtures;
import dev.ballast.engine.analytics.series.ReturnSeries;
import dev.ballast.engine.analytics.series.ValueSeries;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DrawdownTest {

    @Test
    void seriesAFallsFromItsPeakAndRecovers() {
        // series A: peak 105 on 2024-01-04, trough 98 on 2024-01-06, depth 7 / 105 = 0.0666...,
        // first value >= 105 is 107 on 2024-01-09, 5 days after the peak
        DrawdownEpisode e = Drawdown.maximum(ReturnSeries.of(Fixtures.seriesA())).orElseThrow();
        assertEquals(7.0 / 105, e.depth(), 1e-12);
        assertEquals(Fixtures.reference("a.max_drawdown"), e.depth(), 1e-12);
        assertEquals(LocalDate.of(2024, 1, 4), e.peak());
        assertEquals(LocalDate.of(2024, 1, 6), e.trough());
        assertEquals(Optional.of(LocalDate.of(2024, 1, 9)), e.recovery());
        assertEquals(5, e.durationDays());
    }

    @Test
    void recoveryToExactlyThePeakCounts() {
        // 100, 80, 100: recovered on day 2 although chained doubles may land a hair below 1
        var e = Drawdown.maximum(ReturnSeries.of(ValueSeries.daily(JAN_1_2024, 100, 80, 100))).orElseThrow();
        assertEquals(0.2, e.depth(), 1e-12);
        assertEquals(Optional.of(LocalDate.of(2024, 1, 3)), e.recovery());
    }

    @Test
    void allLossesNeverRecover() {
        // 100, 90, 80 over a gap: peak 2024-01-01, trough 2024-01-10, depth 0.2, still under water 9 days later
        LocalDate[] d = {JAN_1_2024, JAN_1_2024.plusDays(1), JAN_1_2024.plusDays(9)};
        var e = Drawdown.maximum(ReturnSeries.of(ValueSeries.of(d, new double[] {100, 90, 80}))).orElseThrow();
        assertEquals(0.2, e.depth(), 1e-12);
        assertFalse(e.recovered());
        assertEquals(LocalDate.of(2024, 1, 10), e.trough());
        assertEquals(9, e.durationDays());
    }

    @Test
    void aDepositDoesNotHideAFall() {
        // 100 -> 90 (-10 %), then 100 deposited at the end of the day: value 190 but the index is still down 10 %
        LocalDate[] d = {JAN_1_2024, JAN_1_2024.plusDays(1)};
        var series = ValueSeries.of(d, new double[] {100, 190}, new double[] {0, 100});
        assertEquals(0.1, Drawdown.maximum(ReturnSeries.of(series)).orElseThrow().depth(), 1e-12);
    }

    @Test
    void losingEverythingIsADrawdownOfOne() {
        assertEquals(1.0, Drawdown.maximumDepth(new double[] {0.1, -1, 0}), 0);
    }

    @Test
    void noDrawdownInRisingEmptyOrOnePointSeries() {
        assertTrue(Drawdown.maximum(ReturnSeries.of(ValueSeries.daily(JAN_1_2024, 1, 2, 3))).isEmpty());
        assertTrue(Drawdown.maximum(ReturnSeries.of(ValueSeries.daily(JAN_1_2024))).isEmpty());
        assertTrue(Drawdown.maximum(ReturnSeries.of(ValueSeries.daily(JAN_1_2024, 5))).isEmpty());
        assertEquals(0.0, Drawdown.maximumDepth(new double[0]), 0);
    }
}
