package dev.ballast.engine.analytics.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.analytics.stats.SampleStatistics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The excess returns computed once for several ratios give what each ratio computes alone. */
class ExcessReturnsTest {

    private static double[] returns(int n) {
        SplittableRandom random = new SplittableRandom(3);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = (random.nextDouble() - 0.48) * 0.05;
        }
        return r;
    }

    @Test
    void aConstantRateIsSubtractedAsFromAnArrayOfThatRate() {
        double[] r = returns(1000);
        RiskFreeRate rate = RiskFreeRate.annual(0.035);
        assertArrayEquals(SampleStatistics.minus(r, rate.perPeriod(r.length, 252)), RiskRatios.excess(r, rate, 252));
    }

    @Test
    void ratiosOfExcessReturnsAreTheRatiosOfTheReturns() {
        double[] r = returns(800);
        for (RiskFreeRate rate : new RiskFreeRate[] {RiskFreeRate.ZERO, RiskFreeRate.annual(0.02), RiskFreeRate.series(returns(800))}) {
            double[] excess = RiskRatios.excess(r, rate, 365);
            assertEquals(RiskRatios.sharpe(r, rate, 365), RiskRatios.sharpeOfExcess(excess, 365), 0);
            assertEquals(RiskRatios.sortino(r, rate, 365), RiskRatios.sortinoOfExcess(excess, 365), 0);
            assertArrayEquals(RiskRatios.rollingSharpe(r, rate, 30, 365), RiskRatios.rollingSharpeOfExcess(excess, 30, 365));
        }
    }

    @Test
    void rollingMetricsAgreeWithTheStatisticsOfEachWindow() {
        double[] r = returns(300);
        int window = 20;
        double[] vol = Volatility.rolling(r, window, 252);
        double[] sharpe = RiskRatios.rollingSharpeOfExcess(r, window, 252);
        for (int i = 0; i < r.length; i++) {
            if (i < window - 1) {
                assertEquals(Double.NaN, vol[i]);
                assertEquals(Double.NaN, sharpe[i]);
            } else {
                double[] w = java.util.Arrays.copyOfRange(r, i - window + 1, i + 1);
                assertEquals(Volatility.annualized(w, 252), vol[i], 1e-12);
                assertEquals(RiskRatios.sharpe(w, RiskFreeRate.ZERO, 252), sharpe[i], 1e-9);
            }
        }
    }
}
