package dev.ballast.engine.analytics.trades;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlippageStatisticsTest {

    private static final Instant T = Instant.parse("2024-05-02T14:30:00Z");

    private static FillSample fill(String instrument, FillSide side, String price, String expected) {
        return new FillSample(instrument, T, side, BigDecimal.ONE, new BigDecimal(price), new BigDecimal(expected));
    }

    @Test
    void slippageByHand() {
        var fills = List.of(
                fill("BTC", FillSide.BUY, "100.05", "100"),   // paid 0.05 more on 100: +5 bps
                fill("BTC", FillSide.SELL, "49.90", "50"),    // received 0.10 less on 50: +20 bps
                fill("ETH", FillSide.BUY, "199.90", "200"),   // paid 0.10 less on 200: -5 bps
                fill("ETH", FillSide.SELL, "200.20", "200")); // received 0.20 more on 200: -10 bps
        var s = SlippageStatistics.of(fills, 10);
        // mean (5 + 20 - 5 - 10) / 4 = 2.5; median of -10, -5, 5, 20 = 0
        assertEquals(4, s.overall().count());
        assertEquals(2.5, s.overall().meanBps(), 1e-9);
        assertEquals(0.0, s.overall().medianBps(), 1e-9);
        // squared deviations 6.25 + 306.25 + 56.25 + 156.25 = 525, / 3 = 175, sqrt = 13.228756555322953
        assertEquals(13.228756555322953, s.overall().standardDeviationBps(), 1e-9);
        // |20| > 10 is an outlier, |-10| is not above 10
        assertEquals(1, s.overall().outliers().size());
        assertEquals(20.0, s.overall().outliers().get(0).slippageBps(), 1e-9);
        assertEquals(List.of("BTC", "ETH"), List.copyOf(s.byInstrument().keySet()));
        assertEquals(12.5, s.byInstrument().get("BTC").meanBps(), 1e-9);
        assertEquals(-7.5, s.byInstrument().get("ETH").meanBps(), 1e-9);
    }

    @Test
    void noFills() {
        var s = SlippageStatistics.of(List.of(), 10);
        assertEquals(0, s.overall().count());
        assertTrue(Double.isNaN(s.overall().meanBps()));
        assertTrue(Double.isNaN(s.overall().standardDeviationBps()));
        assertTrue(s.byInstrument().isEmpty());
    }

    @Test
    void aFillAtAZeroPriceIsRejectedNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> fill("BTC", FillSide.BUY, "0", "100"));
        assertEquals("fill BTC at 2024-05-02T14:30:00Z, field price: not positive: 0", e.getMessage());
    }
}
