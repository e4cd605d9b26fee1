package dev.ballast.engine.analytics.risk;

import dev.ballast.engine.analytics.InputChecks;
import dev.ballast.engine.analytics.series.ReturnSeries;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Maximum drawdown of the wealth index built from period returns, so external flows do not hide a fall. */
public final class Drawdown {

    /** Relative tolerance for "back at the peak", so rounding in the chained index does not hide a recovery. */
    private static final double AT_PEAK = 1e-12;

    private Drawdown() {
    }

    /**
     * The deepest drawdown with its peak, trough and recovery dates; empty when the index never fell
     * below an earlier high, which includes empty and one-point series (docs/metrics.md#maximum-drawdown).
     */
    public static Optional<DrawdownEpisode> maximum(ReturnSeries returns) {
        double[] wealth = wealthIndex(returns);
        int n = wealth.length;
        double maxDepth = 0;
        int maxPeak = -1;
        int maxTrough = -1;
        int peak = 0;
        // the lowest wealth since the current peak: the depth 1 - w / peak only grows as w falls
        // (division and subtraction round monotonically), so it is computed at new lows only
        double low = Double.POSITIVE_INFINITY;
        for (int t = 1; t < n; t++) {
            if (wealth[t] >= wealth[peak] * (1 - AT_PEAK)) {
                peak = t;
                low = Double.POSITIVE_INFINITY;
            } else if (wealth[t] < low) {
                low = wealth[t];
                double depth = 1 - wealth[t] / wealth[peak];
                if (depth > maxDepth) {
                    maxDepth = depth;
                    maxPeak = peak;
                    maxTrough = t;
                }
            }
        }
        if (maxPeak < 0) {
            return Optional.empty();
        }
        int recovery = -1;
        for (int t = maxTrough + 1; t < n; t++) {
            if (wealth[t] >= wealth[maxPeak] * (1 - AT_PEAK)) {
                recovery = t;
                break;
            }
        }
        var peakDate = returns.pointDate(maxPeak);
        var end = returns.pointDate(recovery >= 0 ? recovery : n - 1);
        return Optional.of(new DrawdownEpisode(
                Math.min(1, maxDepth),
                peakDate,
                returns.pointDate(maxTrough),
                recovery >= 0 ? Optional.of(returns.pointDate(recovery)) : Optional.empty(),
                ChronoUnit.DAYS.between(peakDate, end)));
    }

    /** The depth of the deepest drawdown, in [0, 1]; 0 when there was none (docs/metrics.md#maximum-drawdown). */
    public static double maximumDepth(double[] returns) {
        InputChecks.requireFinite(returns, "returns");
        double wealth = 1;
        double high = 1;
        double max = 0;
        for (double r : returns) {
            wealth *= 1 + r;
            if (wealth > high) {
                high = wealth;
            } else if (high > 0) {
                max = Math.max(max, 1 - wealth / high);
            }
        }
        return Math.min(1, max);
    }

    private static double[] wealthIndex(ReturnSeries returns) {
        double[] w = new double[returns.size() + 1];
        w[0] = 1;
        for (int i = 0; i < returns.size(); i++) {
            w[i + 1] = w[i] * (1 + returns.get(i));
        }
        return w;
    }

    /** The wealth index {@code W_0 = 1, W_t = W_(t-1) (1 + r_t)}, one point longer than the returns. */
    public static double[] wealthIndex(double[] returns) {
        double[] w = new double[returns.length + 1];
        w[0] = 1;
        for (int i = 0; i < returns.length; i++) {
            w[i + 1] = w[i] * (1 + returns[i]);
        }
        return w;
    }
}
