package dev.ballast.engine.analytics.trades;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TradeStatisticsTest {

    private static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");

    private static RoundTrip trip(String profit, long hoursHeld) {
        return new RoundTrip("BTC", "EUR", T0, T0.plus(Duration.ofHours(hoursHeld)), new BigDecimal(profit));
    }

    private static void assertAmount(String expected, Optional<BigDecimal> actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual.orElseThrow()), () -> expected + " vs " + actual);
    }

    @Test
    void statisticsByHand() {
        // profits +100, -50, +40, -10, -30, 0 held 1, 2, 3, 4, 5, 6 hours
        var s = TradeStatistics.of(List.of(trip("100", 1), trip("-50", 2), trip("40", 3), trip("-10", 4), trip("-30", 5), trip("0", 6)));
        assertEquals(6, s.count());
        assertEquals(2, s.wins());
        assertEquals(3, s.losses());
        assertEquals(2.0 / 6, s.winRate(), 1e-15);
        assertEquals(0, new BigDecimal("140").compareTo(s.grossProfit()));
        assertEquals(0, new BigDecimal("90").compareTo(s.grossLoss()));
        assertEquals(0, new BigDecimal("50").compareTo(s.netProfit()));
        assertAmount("70", s.averageWin());          // 140 / 2
        assertAmount("-30", s.averageLoss());        // -90 / 3
        assertAmount("100", s.largestWin());
        assertAmount("-50", s.largestLoss());
        assertEquals(70.0 / 30, s.rewardRisk(), 1e-15);   // 70 / |-30|
        assertEquals(140.0 / 90, s.profitFactor(), 1e-15);
        assertEquals(50.0 / 6, s.expectancy().orElseThrow().doubleValue(), 1e-12);
        HoldingPeriods h = s.holding().orElseThrow();
        assertEquals(Duration.ofMinutes(210), h.average());  // 21 h / 6
        assertEquals(Duration.ofMinutes(210), h.median());   // (3 h + 4 h) / 2
        assertEquals(Duration.ofHours(1), h.shortest());
        assertEquals(Duration.ofHours(6), h.longest());
    }

    @Test
    void noRoundTrips() {
        var s = TradeStatistics.of(List.of());
        assertEquals(0, s.count());
        assertTrue(Double.isNaN(s.winRate()));
        assertTrue(Double.isNaN(s.profitFactor()));
        assertTrue(s.averageWin().isEmpty());
        assertTrue(s.expectancy().isEmpty());
        assertTrue(s.holding().isEmpty());
        assertEquals(0, BigDecimal.ZERO.compareTo(s.netProfit()));
    }

    @Test
    void allLosses() {
        var s = TradeStatistics.of(List.of(trip("-5", 1), trip("-15", 1)));
        assertEquals(0.0, s.winRate(), 0);
        assertEquals(0.0, s.profitFactor(), 0);
        assertTrue(Double.isNaN(s.rewardRisk()));
        assertTrue(s.averageWin().isEmpty());
        assertAmount("-10", s.averageLoss());
        assertAmount("-10", s.expectancy());
    }

    @Test
    void allWinsHaveNoProfitFactor() {
        var s = TradeStatistics.of(List.of(trip("5", 1)));
        assertEquals(1.0, s.winRate(), 0);
        assertTrue(Double.isNaN(s.profitFactor()));
    }

    @Test
    void mixedCurrenciesAreRejected() {
        var usd = new RoundTrip("AAPL", "USD", T0, T0, BigDecimal.ONE);
        var e = assertThrows(IllegalArgumentException.class, () -> TradeStatistics.of(List.of(trip("1", 1), usd)));
        assertEquals("round trips[1] (AAPL): currency USD differs from EUR", e.getMessage());
    }

    @Test
    void aRoundTripCannotCloseBeforeItOpened() {
        assertThrows(IllegalArgumentException.class, () -> new RoundTrip("BTC", "EUR", T0, T0.minusSeconds(1), BigDecimal.ONE));
    }
}
