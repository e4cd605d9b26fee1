package dev.ballast.engine.analytics.risk;

import dev.ballast.engine.analytics.InputChecks;

/** Concentration of a portfolio across its holdings. */
public final class Concentration {

    private Concentration() {
    }

    /**
     * Herfindahl index {@code sum(w_i^2)} of the weights {@code w_i = v_i / sum(v)}, in (0, 1];
     * NaN when there are no holdings or they are all worth zero (docs/metrics.md#herfindahl-index).
     *
     * @throws IllegalArgumentException when a holding value is negative or not finite, naming the index
     */
    public static double herfindahl(double[] holdingValues) {
        InputChecks.requireFiniteNonNegative(holdingValues, "holdingValues");
        double total = 0;
        for (double v : holdingValues) {
            total += v;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double h = 0;
        for (double v : holdingValues) {
            double w = v / total;
            h += w * w;
        }
        return h;
    }

    /**
     * Effective number of holdings {@code 1 / herfindahl}; NaN when the index is
     * (docs/metrics.md#effective-number-of-holdings).
     */
    public static double effectiveNumberOfHoldings(double[] holdingValues) {
        return 1 / herfindahl(holdingValues);
    }
}
