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
        return estimate(returns, confidence).valueAtRisk();
    }

    /**
     * Historical CVaR at {@code confidence}: the mean loss over the k worst returns, k as in
     * {@link #historical}; NaN when empty (docs/metrics.md#historical-cvar).
     */
    public static double conditional(double[] returns, double confidence) {
        return estimate(returns, confidence).conditionalValueAtRisk();
    }

    /** {@link #historical} and {@link #conditional} from one selection of the worst returns. */
    public static Estimate estimate(double[] returns, double confidence) {
        InputChecks.requireFinite(returns, "returns");
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence: must be between 0 and 1 exclusive: " + confidence);
        }
        if (returns.length == 0) {
            return new Estimate(Double.NaN, Double.NaN);
        }
        int k = tailSize(returns.length, confidence);
        double[] worst = worst(returns, k);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += worst[i];
        }
        return new Estimate(-worst[k - 1], -sum / k);
    }

    static int tailSize(int n, double confidence) {
        // the small offset keeps n * 0.05 = 5.000000000000004 from rounding up to 6
        return Math.max(1, (int) Math.ceil(n * (1 - confidence) - 1e-9));
    }

    /** Stride of the sample that {@link #preselect} estimates its threshold from. */
    private static final int SAMPLE_STRIDE = 8;

    /**
     * An array whose first k elements are the k smallest returns in ascending order (k at most the
     * number of returns); the rest is unordered.
     */
    private static double[] worst(double[] returns, int k) {
        int n = returns.length;
        double[] candidates = new double[n];
        int size = preselect(returns, k, candidates);
        if (size < 0) {
            System.arraycopy(returns, 0, candidates, 0, n);
            size = n;
        }
        if (k < size) {
            selectSmallest(candidates, size, k);
        }
        Arrays.sort(candidates, 0, k);
        return candidates;
    }

    /**
     * Copies the returns at or below a threshold that at least k of them lie at or below to the
     * front of {@code out} and gives their number, or -1 when no such short list was found.
     * Selecting the k smallest from these few hundred instead of every return is what makes VaR
     * cheap on long series; the answer is the same because the list holds every return up to the
     * k-th smallest. The threshold is a quantile of every 8th return, taken at 1.5 times the tail
     * fraction plus a margin, so that the list is almost always long enough; when it is not, -1
     * sends the caller to the full selection.
     *
     * <p>-1 as well when a zero lies at or below the threshold: -0.0 and 0.0 compare equal in the
     * selection, so which of them ends up in the tail (and the sign of a zero VaR) depends on the
     * array the selection runs on; the full selection keeps that answer as it always was.
     */
    private static int preselect(double[] returns, int k, double[] out) {
        int n = returns.length;
        if (n < 64 * SAMPLE_STRIDE || k > n / SAMPLE_STRIDE) {
            return -1;
        }
        double[] sample = new double[(n + SAMPLE_STRIDE - 1) / SAMPLE_STRIDE];
        for (int i = 0, j = 0; i < n; i += SAMPLE_STRIDE, j++) {
            sample[j] = returns[i];
        }
        int q = Math.min(sample.length, (int) ((long) k * sample.length * 3 / (2L * n)) + 8);
        selectSmallest(sample, sample.length, q);
        double threshold = sample[0];
        for (int i = 1; i < q; i++) {
            threshold = Math.max(threshold, sample[i]);
        }
        int count = 0;
        for (double r : returns) {
            // without a branch: every return is written, only those at or below the threshold are kept
            out[count] = r;
            count += r <= threshold ? 1 : 0;
        }
        if (count < k) {
            return -1;
        }
        for (int i = 0; i < count; i++) {
            if (out[i] == 0) {
                return -1;
            }
        }
        return count;
    }

    /** Moves the k smallest of {@code a[0..size)} to the front (in any order): quickselect, O(size) on average. */
    private static void selectSmallest(double[] a, int size, int k) {
        int lo = 0;
        int hi = size - 1;
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
}
