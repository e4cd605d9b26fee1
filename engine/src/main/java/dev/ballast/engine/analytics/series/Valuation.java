package dev.ballast.engine.analytics.series;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The value of a portfolio at the end of one day and the external flow of that day (deposit
 * positive, withdrawal negative), which the value already includes (docs/metrics.md#flow-timing).
 */
public record Valuation(LocalDate date, BigDecimal value, BigDecimal flow) {

    public Valuation {
        Objects.requireNonNull(date, "date");
        if (value == null) {
            throw new IllegalArgumentException("value on " + date + ": missing");
        }
        if (flow == null) {
            throw new IllegalArgumentException("flow on " + date + ": missing");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("value on " + date + ": negative: " + value.toPlainString());
        }
    }

    /** A valuation on a day without external flow. */
    public static Valuation of(LocalDate date, BigDecimal value) {
        return new Valuation(date, value, BigDecimal.ZERO);
    }
}
