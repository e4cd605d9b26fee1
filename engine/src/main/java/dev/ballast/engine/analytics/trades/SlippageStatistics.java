package dev.ballast.engine.analytics.trades;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Slippage over all fills and per instrument (docs/metrics.md#slippage). */
public record SlippageStatistics(SlippageSummary overall, Map<String, SlippageSummary> byInstrument) {

    public SlippageStatistics {
        byInstrument = Collections.unmodifiableMap(new TreeMap<>(byInstrument));
    }

    /**
     * Slippage of the fills; a fill is an outlier when its slippage in absolute value is above
     * {@code outlierThresholdBps}.
     */
    public static SlippageStatistics of(List<FillSample> fills, double outlierThresholdBps) {
        if (!(outlierThresholdBps >= 0) || Double.isInfinite(outlierThresholdBps)) {
            throw new IllegalArgumentException("outlierThresholdBps: not a finite number >= 0: " + outlierThresholdBps);
        }
        Map<String, List<FillSample>> groups = new TreeMap<>();
        for (int i = 0; i < fills.size(); i++) {
            FillSample fill = fills.get(i);
            if (fill == null) {
                throw new IllegalArgumentException("fills[" + i + "]: missing");
            }
            groups.computeIfAbsent(fill.instrument(), k -> new ArrayList<>()).add(fill);
        }
        Map<String, SlippageSummary> byInstrument = new TreeMap<>();
        groups.forEach((instrument, group) -> byInstrument.put(instrument, SlippageSummary.of(group, outlierThresholdBps)));
        return new SlippageStatistics(SlippageSummary.of(fills, outlierThresholdBps), byInstrument);
    }
}
