package dev.ballast.engine.analytics.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.analytics.series.ReturnSeries;
import dev.ballast.engine.analytics.series.ValueSeries;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The deepest drawdown, found by dividing at new lows only, against dividing at every point. */
class DrawdownNewLowsTest {

    /** Depth, peak and trough index by computing the depth at every point below the peak. */
    private static double[] everyPoint(double[] wealth) {
        double maxDepth = 0;
        int maxPeak = -1;
        int maxTrough = -1;
        int peak = 0;
        for (int t = 1; t < wealth.length; t++) {
            if (wealth[t] >= wealth[peak] * (1 - 1e-12)) {
                peak = t;
            } else {
                double depth = 1 - wealth[t] / wealth[peak];
                if (depth > maxDepth) {
                    maxDepth = depth;
                    maxPeak = peak;
                    maxTrough = t;
                }
            }
        }
        return new double[] {maxDepth, maxPeak, maxTrough};
    }

    @Test
    void sameEpisodeAsDividingAtEveryPoint() {
        SplittableRandom random = new SplittableRandom(5);
        LocalDate start = LocalDate.of(2020, 1, 1);
        for (int series = 0; series < 300; series++) {
            int n = 2 + random.nextInt(400);
            double[] values = new double[n];
            values[0] = 100;
            for (int i = 1; i < n; i++) {
                // repeated values and returns that come back to an earlier low exactly
                int move = random.nextInt(6);
                values[i] = move == 0 ? values[i - 1] : move == 1 ? values[Math.max(0, i - 2)] : values[i - 1] * (1 + (random.nextDouble() - 0.52) * 0.1);
            }
            ReturnSeries returns = ReturnSeries.of(ValueSeries.daily(start, values));
            double[] expected = everyPoint(Drawdown.wealthIndex(returns.toArray()));
            var episode = Drawdown.maximum(returns);
            if (expected[1] < 0) {
                assertEquals(java.util.Optional.empty(), episode);
            } else {
                assertEquals(Math.min(1, expected[0]), episode.orElseThrow().depth(), 0);
                assertEquals(returns.pointDate((int) expected[1]), episode.orElseThrow().peak());
                assertEquals(returns.pointDate((int) expected[2]), episode.orElseThrow().trough());
            }
        }
    }
}
