package dev.ballast.engine.analytics.trades;

import dev.ballast.engine.analytics.stats.SampleStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * Slippage of a group of fills in basis points (docs/metrics.md#slippage): mean, median and sample
 * standard deviation per fill (not weighted by size); NaN where undefined.
 *
 * @param outliers fills whose slippage in absolute value exceeds the threshold, in input order
 */
public record SlippageSummary(int count, double meanBps, double medianBps, double standardDeviationBps, List<Outlier> outliers) {

    /** A fill whose slippage exceeded the outlier threshold. */
    public record Outlier(FillSample fill, double slippageBps) {
    }

    public SlippageSummary {
        outliers = List.copyOf(outliers);
    }

    static SlippageSummary of(List<FillSample> fills, double outlierThresholdBps) {
        double[] bps = new double[fills.size()];
        List<Outlier> outliers = new ArrayList<>();
        for (int i = 0; i < bps.length; i++) {
            bps[i] = fills.get(i).slippageBps();
            if (Math.abs(bps[i]) > outlierThresholdBps) {
                outliers.add(new Outlier(fills.get(i), bps[i]));
            }
        }
        return new SlippageSummary(bps.length, SampleStatistics.mean(bps), SampleStatistics.median(bps),
                SampleStatistics.standardDeviation(bps), outliers);
    }
}
