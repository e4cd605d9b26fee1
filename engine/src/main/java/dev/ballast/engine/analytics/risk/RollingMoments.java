package dev.ballast.engine.analytics.risk;

import java.util.Arrays;

/**
 * Trailing-window mean and sample standard deviation in one pass, for the rolling metrics. The
 * result is written straight into the one array the metric returns, element i covering
 * xs[i-window+1..i]; elements before the first full window are NaN.
 */
final class RollingMoments {

    private RollingMoments() {
    }

    /** {@code scale} times the standard deviation of each window. */
    static double[] standardDeviations(double[] xs, int window, double scale) {
        return compute(xs, window, scale, false);
    }

    /**
     * {@code scale} times the mean over the standard deviation of each window; NaN where the
     * standard deviation is at or below {@link Volatility#ZERO_VOLATILITY}.
     */
    static double[] meanOverDeviation(double[] xs, int window, double scale) {
        return compute(xs, window, scale, true);
    }

    private static double[] compute(double[] xs, int window, double scale, boolean ratio) {
        if (window < 2) {
            throw new IllegalArgumentException("window: must be at least 2: " + window);
        }
        int n = xs.length;
        double[] out = new double[n];
        if (n < window) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        Arrays.fill(out, 0, window - 1, Double.NaN);
        // sums of values shifted by a typical value, which keeps the running sum of squares accurate
        double shift = 0;
        for (double x : xs) {
            shift += x;
        }
        shift /= n;
        double s = 0;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = xs[i] - shift;
            s += d;
            ss += d * d;
            if (i >= window) {
                double old = xs[i - window] - shift;
                s -= old;
                ss -= old * old;
            }
            if (i >= window - 1) {
                double mean = s / window;
                double var = Math.max(0, (ss - s * mean) / (window - 1));
                double sd = Math.sqrt(var);
                if (ratio) {
                    out[i] = sd > Volatility.ZERO_VOLATILITY ? (mean + shift) / sd * scale : Double.NaN;
                } else {
                    out[i] = sd * scale;
                }
            }
        }
        return out;
    }
}
