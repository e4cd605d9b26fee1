package dev.ballast.engine.analytics.trades;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An execution with the price it was expected at (the arrival or decision price): the input of the
 * slippage statistics (docs/metrics.md#slippage). Venue fills are {@code
 * dev.ballast.engine.execution.Fill}; this is the plain sample analytics reads.
 */
public record FillSample(String instrument, Instant time, FillSide side, BigDecimal quantity, BigDecimal price, BigDecimal expectedPrice) {

    public FillSample {
        if (instrument == null || instrument.isBlank()) {
            throw new IllegalArgumentException("fill instrument: missing");
        }
        if (time == null || side == null) {
            throw new IllegalArgumentException("fill " + instrument + ": time and side are required");
        }
        if (quantity == null || quantity.signum() <= 0) {
            throw new IllegalArgumentException("fill " + instrument + " at " + time + ", field quantity: not positive: " + quantity);
        }
        if (price == null || price.signum() <= 0) {
            throw new IllegalArgumentException("fill " + instrument + " at " + time + ", field price: not positive: " + price);
        }
        if (expectedPrice == null || expectedPrice.signum() <= 0) {
            throw new IllegalArgumentException("fill " + instrument + " at " + time + ", field expectedPrice: not positive: " + expectedPrice);
        }
    }

    /**
     * Slippage in basis points, positive when the fill was worse than expected (paid more on a buy,
     * received less on a sell): {@code s (price - expected) / expected * 10000}, s = +1 buy, -1 sell.
     */
    public double slippageBps() {
        double relative = price.subtract(expectedPrice).divide(expectedPrice, java.math.MathContext.DECIMAL64).doubleValue();
        return (side == FillSide.BUY ? 1 : -1) * relative * 10_000;
    }
}
