package dev.ballast.engine.analytics.trades;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A closed position: opened, closed and the net profit or loss it made, fees included
 * (docs/metrics.md#trade-statistics). Matching fills into round trips (FIFO) happens before this.
 */
public record RoundTrip(String instrument, String currency, Instant opened, Instant closed, BigDecimal profit) {

    public RoundTrip {
        if (instrument == null || instrument.isBlank()) {
            throw new IllegalArgumentException("round trip instrument: missing");
        }
        if (currency == null || currency.isBlank()) {
            throw new IllegalArgumentException("round trip " + instrument + " currency: missing");
        }
        if (opened == null || closed == null) {
            throw new IllegalArgumentException("round trip " + instrument + " opened/closed: missing");
        }
        if (closed.isBefore(opened)) {
            throw new IllegalArgumentException("round trip " + instrument + " opened " + opened + ": closed " + closed + " is before it opened");
        }
        if (profit == null) {
            throw new IllegalArgumentException("round trip " + instrument + " opened " + opened + ": profit missing");
        }
    }
}
