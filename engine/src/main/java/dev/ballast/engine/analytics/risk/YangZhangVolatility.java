package dev.ballast.engine.analytics.risk;

import dev.ballast.engine.analytics.InputChecks;
import dev.ballast.engine.analytics.series.OhlcSample;
import dev.ballast.engine.analytics.stats.SampleStatistics;
import java.util.List;

/** Yang-Zhang volatility estimator from open, high, low and close prices (Yang and Zhang, 2000). */
public final class YangZhangVolatility {

    private YangZhangVolatility() {
    }

    /**
     * Annualized Yang-Zhang volatility {@code sqrt(P (s_o^2 + k s_c^2 + (1 - k) s_rs^2))} over the
     * {@code n = bars - 1} periods after the first bar, which supplies only the previous close;
     * NaN for fewer than three bars (docs/metrics.md#yang-zhang-volatility).
     *
     * @throws IllegalArgumentException when the dates of the bars do not increase, naming the index
     */
    public static double annualized(List<OhlcSample> bars, int periodsPerYear) {
        InputChecks.requirePeriodsPerYear(periodsPerYear);
        for (int i = 0; i < bars.size(); i++) {
            if (bars.get(i) == null) {
                throw new IllegalArgumentException("bars[" + i + "]: missing");
            }
            if (i > 0 && !bars.get(i).date().isAfter(bars.get(i - 1).date())) {
                throw new IllegalArgumentException("bars[" + i + "]: " + bars.get(i).date() + " is not after " + bars.get(i - 1).date());
            }
        }
        int n = bars.size() - 1;
        if (n < 2) {
            return Double.NaN;
        }
        double[] overnight = new double[n];
        double[] openToClose = new double[n];
        double rogersSatchell = 0;
        for (int i = 1; i <= n; i++) {
            OhlcSample bar = bars.get(i);
            overnight[i - 1] = Math.log(bar.open() / bars.get(i - 1).close());
            openToClose[i - 1] = Math.log(bar.close() / bar.open());
            double hc = Math.log(bar.high() / bar.close());
            double ho = Math.log(bar.high() / bar.open());
            double lc = Math.log(bar.low() / bar.close());
            double lo = Math.log(bar.low() / bar.open());
            rogersSatchell += hc * ho + lc * lo;
        }
        double k = 0.34 / (1.34 + (n + 1.0) / (n - 1.0));
        double variance = SampleStatistics.variance(overnight)
                + k * SampleStatistics.variance(openToClose)
                + (1 - k) * rogersSatchell / n;
        return Math.sqrt(variance * periodsPerYear);
    }
}
