package dev.ballast.engine.analytics.risk;

import java.util.Arrays;

/** Trailing-window mean and sample standard deviation in one pass, for the rolling metrics. */
record RollingMoments(double[] means, double[] standardDeviations) {

    static RollingMoments of(double[] xs, int window) {
        if (window < 2) {
            throw new IllegalArgumentException("window: must be at least 2: " + window);
        }
        int n = xs.length;
        double[] means = new double[n];
        double[] sds = new double[n];
        Arrays.fill(means, Double.NaN);
        Arrays.fill(sds, Double.NaN);
        if (n < window) {
            return new RollingMoments(means, sds);
        }
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
                means[i] = mean + shift;
                sds[i] = Math.sqrt(var);
            }
        }
        return new RollingMoments(means, sds);
    }
}
