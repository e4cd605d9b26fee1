package dev.ballast.engine.analytics.performance;

import dev.ballast.engine.analytics.series.ValuationHistory;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a portfolio earned over its history, exactly (docs/metrics.md#absolute-gain and
 * docs/metrics.md#relative-gain).
 *
 * @param absolute {@code V_last - V_first - sum of flows after the first day}
 * @param invested {@code V_first + deposits after the first day}
 * @param relative {@code absolute / invested}; NaN when nothing was invested
 */
public record Gain(BigDecimal absolute, BigDecimal invested, double relative) {

    /** The gain of a history; empty for an empty history. */
    public static Optional<Gain> of(ValuationHistory history) {
        if (history.isEmpty()) {
            return Optional.empty();
        }
        var v = history.valuations();
        BigDecimal absolute = v.get(v.size() - 1).value().subtract(v.get(0).value()).subtract(history.flowsAfterStart());
        BigDecimal invested = v.get(0).value().add(history.depositsAfterStart());
        double relative = invested.signum() == 0 ? Double.NaN : absolute.doubleValue() / invested.doubleValue();
        return Optional.of(new Gain(absolute, invested, relative));
    }
}
