package dev.ballast.engine.analytics.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * VaR and CVaR against a full sort of the returns, over long series where the worst returns are
 * preselected below a sampled threshold, and over the inputs that defeat the sample.
 */
class ValueAtRiskSelectionTest {

    private static final double[] CONFIDENCES = {0.5, 0.9, 0.95, 0.975, 0.99, 0.999};

    /** VaR and CVaR by sorting every return, the definition in docs/metrics.md#historical-var. */
    private static void assertSameAsFullSort(double[] returns) {
        double[] sorted = returns.clone();
        Arrays.sort(sorted);
        for (double confidence : CONFIDENCES) {
            int k = ValueAtRisk.tailSize(returns.length, confidence);
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += sorted[i];
            }
            ValueAtRisk.Estimate estimate = ValueAtRisk.estimate(returns, confidence);
            String at = returns.length + " returns at " + confidence;
            assertEquals(-sorted[k - 1], estimate.valueAtRisk(), 0, at);
            assertEquals(-sum / k, estimate.conditionalValueAtRisk(), 0, at);
            assertEquals(estimate.valueAtRisk(), ValueAtRisk.historical(returns, confidence), 0, at);
            assertEquals(estimate.conditionalValueAtRisk(), ValueAtRisk.conditional(returns, confidence), 0, at);
        }
    }

    @Test
    void randomSeriesOfEveryLength() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 1; n < 3000; n += 1 + n / 10) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = (random.nextDouble() - 0.5) * 0.1;
            }
            assertSameAsFullSort(r);
        }
    }

    @Test
    void seriesThatMisleadTheSample() {
        int n = 7304;
        double[] sorted = new double[n];
        double[] periodic = new double[n];
        double[] fewDistinct = new double[n];
        double[] withZeros = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = -1 + i * 1e-4;
            // every 8th return, the ones the sample reads, is large: the threshold is far too high
            periodic[i] = i % 8 == 0 ? 1 : -0.01 * (i % 7);
            fewDistinct[i] = (i % 3 - 1) * 0.01;
            withZeros[i] = i % 2 == 0 ? 0.0 : -0.0;
        }
        double[] reversed = new double[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = sorted[n - 1 - i];
        }
        // the sample holds -0.5 and 0.5 in turn, the rest is above -0.5: at 90 % the threshold is -0.5,
        // which only 1 return in 16 reaches, too few for the tail of 1 in 10
        double[] lowSample = new double[n];
        for (int i = 0; i < n; i++) {
            lowSample[i] = i % 16 == 0 ? -0.5 : i % 16 == 8 ? 0.5 : 0.01 * (i % 5) - 0.02;
        }
        for (double[] r : new double[][] {sorted, reversed, periodic, fewDistinct, lowSample}) {
            assertSameAsFullSort(r);
        }
        // zeros of both signs in the tail: the full selection as before; VaR is a zero, CVaR 0
        for (double confidence : CONFIDENCES) {
            assertEquals(0, ValueAtRisk.historical(withZeros, confidence), 0.0);
            assertEquals(0, ValueAtRisk.conditional(withZeros, confidence), 0.0);
        }
    }

    @Test
    void emptyReturnsHaveNoEstimate() {
        ValueAtRisk.Estimate none = ValueAtRisk.estimate(new double[0], 0.95);
        assertEquals(Double.NaN, none.valueAtRisk());
        assertEquals(Double.NaN, none.conditionalValueAtRisk());
    }
}
