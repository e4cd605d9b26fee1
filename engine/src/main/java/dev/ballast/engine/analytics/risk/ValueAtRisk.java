package dev.ballast.engine.analytics.risk;

import dev.ballast.engine.analytics.InputChecks;
import java.util.Arrays;

/** Historical value at risk and conditional value at risk (expected shortfall) of period returns. */
public final class ValueAtRisk {

    private ValueAtRisk() {
    }

    /** Historical VaR and CVaR at one confidence, as {@link #historical} and {@link #conditional} give them. */
    public record Estimate(double valueAtRisk, double conditionalValueAtRisk) {
    }

    /**
     * Historical VaR at {@code confidence}: the loss {@code -r_(k)} at the k-th worst return, with
     * {@code k = max(1, ceil(n (1 - confidence)))}; a fraction of value for one period, positive for
     * a loss; NaN when empty (docs/metrics.md#historical-var).
     */
    public static double historical(double[] returns, double confidence) {
        double[] sorted = sortedTail(returns, confidence);
        return sorted.length == 0 ? Double.NaN : -sorted[tailSize(sorted.length, confidence) - 1];
    }

    /**
     * Historical CVaR at {@code confidence}: the mean loss over the k worst returns, k as in
     * {@link #historical}; NaN when empty (docs/metrics.md#historical-cvar).
     */
    public static double conditional(double[] returns, double confidence) {
        double[] sorted = sortedTail(returns, confidence);
        return sorted.length == 0 ? Double.NaN : tailMean(sorted, tailSize(sorted.length, confidence));
    }

    /** {@link #historical} and {@link #conditional} from one selection of the worst returns. */
    public static Estimate estimate(double[] returns, double confidence) {
        double[] sorted = sortedTail(returns, confidence);
        if (sorted.length == 0) {
            return new Estimate(Double.NaN, Double.NaN);
        }
        int k = tailSize(sorted.length, confidence);
        return new Estimate(-sorted[k - 1], tailMean(sorted, k));
    }

    private static double tailMean(double[] sorted, int k) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += sorted[i];
        }
        return -sum / k;
    }

    /** Moves the k smallest values to the front (in any order): quickselect, O(n) on average. */
    private static void selectSmallest(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        int target = k - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    static int tailSize(int n, double confidence) {
        // the small offset keeps n * 0.05 = 5.000000000000004 from rounding up to 6
        return Math.max(1, (int) Math.ceil(n * (1 - confidence) - 1e-9));
    }

    /** A copy whose k smallest values are sorted at the front, k as in {@link #historical}; the rest is unordered. */
    private static double[] sortedTail(double[] returns, double confidence) {
        InputChecks.requireFinite(returns, "returns");
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence: must be between 0 and 1 exclusive: " + confidence);
        }
        double[] copy = returns.clone();
        int k = copy.length == 0 ? 0 : tailSize(copy.length, confidence);
        if (k > 0 && k < copy.length) {
            selectSmallest(copy, k);
        }
        Arrays.sort(copy, 0, Math.min(k, copy.length));
        return copy;
    }
}
