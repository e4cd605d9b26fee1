package dev.ballast.engine.analytics.stats;

import java.util.Arrays;

/**
 * Descriptive statistics of a sample of doubles (docs/metrics.md#sample-statistics). Inputs are read,
 * never modified. An empty sample has mean NaN; fewer than two points have variance NaN.
 */
public final class SampleStatistics {

    private SampleStatistics() {
    }

    /** Arithmetic mean; NaN when empty. */
    public static double mean(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    /** Sample variance with divisor n - 1 (two-pass); NaN for fewer than two points. */
    public static double variance(double[] xs) {
        int n = xs.length;
        if (n < 2) {
            return Double.NaN;
        }
        double m = mean(xs);
        double ss = 0;
        double comp = 0;
        for (double x : xs) {
            double d = x - m;
            ss += d * d;
            comp += d;
        }
        // the compensation term removes the rounding error of the mean (corrected two-pass algorithm)
        return (ss - comp * comp / n) / (n - 1);
    }

    /** Sample standard deviation, the square root of {@link #variance}. */
    public static double standardDeviation(double[] xs) {
        return Math.sqrt(variance(xs));
    }

    /** Sample covariance with divisor n - 1; NaN for fewer than two points. */
    public static double covariance(double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("ys: length " + ys.length + " differs from xs length " + xs.length);
        }
        int n = xs.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = mean(xs);
        double my = mean(ys);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (xs[i] - mx) * (ys[i] - my);
        }
        return s / (n - 1);
    }

    /** Median (mean of the two middle values for even sizes); NaN when empty. */
    public static double median(double[] xs) {
        int n = xs.length;
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Element-wise difference {@code a[i] - b[i]}. */
    public static double[] minus(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("b: length " + b.length + " differs from a length " + a.length);
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
