package dev.ballast.engine.analytics.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.analytics.series.OhlcSample;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small cases worked out by hand, and the defined answers at the edges. */
class RiskHandCasesTest {

    @Test
    void volatilityByHand() {
        // returns {0.01, -0.01}: mean 0, sample variance (0.0001 + 0.0001) / 1 = 0.0002; sqrt(0.0002 * 252) = 0.2244994432064365
        assertEquals(0.2244994432064365, Volatility.annualized(new double[] {0.01, -0.01}, 252), 1e-15);
        // at 365 periods per year: sqrt(0.0002 * 365) = 0.2701851217221259
        assertEquals(0.2701851217221259, Volatility.annualized(new double[] {0.01, -0.01}, 365), 1e-15);
    }

    @Test
    void downsideDeviationByHand() {
        // returns {0.02, -0.01, -0.03, 0.04}, MAR 0: shortfalls 0, 0.0001, 0.0009, 0 -> mean 0.00025 -> sqrt = 0.015811388300841896
        assertEquals(0.015811388300841896, Volatility.downsideDeviation(new double[] {0.02, -0.01, -0.03, 0.04}, 0, 1), 1e-15);
    }

    @Test
    void sharpeByHand() {
        // returns {0.03, 0.01}: mean 0.02, sample sd sqrt(0.0002) = 0.01414213562; ratio 1.414213562 * sqrt(4) = 2.8284271247
        assertEquals(2.8284271247461903, RiskRatios.sharpe(new double[] {0.03, 0.01}, RiskFreeRate.ZERO, 4), 1e-12);
    }

    @Test
    void riskFreeRateIsDeannualizedGeometrically() {
        // (1 + 0.21)^(1/2) - 1 = 0.1 exactly
        assertEquals(0.1, RiskFreeRate.annual(0.21).perPeriod(1, 2)[0], 1e-15);
    }

    @Test
    void emptyAndOnePointSeriesHaveUndefinedRisk() {
        for (double[] r : new double[][] {{}, {0.05}}) {
            assertTrue(Double.isNaN(Volatility.annualized(r, 252)));
            assertTrue(Double.isNaN(Volatility.downsideDeviation(r, 0, 252)));
            assertTrue(Double.isNaN(RiskRatios.sharpe(r, RiskFreeRate.ZERO, 252)));
            assertTrue(Double.isNaN(RiskRatios.sortino(r, RiskFreeRate.ZERO, 252)));
            assertTrue(Double.isNaN(BenchmarkStatistics.beta(r, r.clone())));
        }
        assertTrue(Double.isNaN(ValueAtRisk.historical(new double[0], 0.95)));
        assertTrue(Double.isNaN(ValueAtRisk.conditional(new double[0], 0.95)));
    }

    @Test
    void zeroVolatilityGivesUndefinedRatios() {
        double[] flat = {0.01, 0.01, 0.01, 0.01};
        assertEquals(0.0, Volatility.annualized(flat, 252), 1e-12);
        assertTrue(Double.isNaN(RiskRatios.sharpe(flat, RiskFreeRate.ZERO, 252)));
        assertTrue(Double.isNaN(RiskRatios.sortino(flat, RiskFreeRate.ZERO, 252)), "no return below zero");
        assertTrue(Double.isNaN(BenchmarkStatistics.beta(new double[] {0.1, 0.2, 0.3, 0.4}, flat)));
        assertTrue(Double.isNaN(BenchmarkStatistics.informationRatio(flat, flat, 252)));
        assertTrue(Double.isNaN(RiskRatios.rollingSharpe(flat, RiskFreeRate.ZERO, 2, 252)[3]));
        double[][] corr = CorrelationMatrix.correlation(new double[][] {flat, {0.1, 0.2, 0.3, 0.5}});
        assertTrue(Double.isNaN(corr[0][0]));
        assertTrue(Double.isNaN(corr[0][1]));
        assertEquals(1.0, corr[1][1], 0);
    }

    @Test
    void allLossesGiveNegativeButDefinedRatios() {
        double[] losses = {-0.01, -0.02, -0.03};
        // mean -0.02, sample sd 0.01 -> Sharpe -2 * sqrt(1) = -2
        assertEquals(-2.0, RiskRatios.sharpe(losses, RiskFreeRate.ZERO, 1), 1e-12);
        // downside deviation sqrt((0.0001 + 0.0004 + 0.0009) / 3) = 0.021602468994692866; Sortino -0.02 / that
        assertEquals(-0.02 / 0.021602468994692866, RiskRatios.sortino(losses, RiskFreeRate.ZERO, 1), 1e-12);
        // 3 returns at 95 %: k = max(1, ceil(0.15)) = 1, the worst loss
        assertEquals(0.03, ValueAtRisk.historical(losses, 0.95), 1e-15);
    }

    @Test
    void varPicksTheKthWorstReturn() {
        // 100 returns -0.01 .. -1.00 in steps of 0.01 shuffled by construction; 95 %: k = ceil(100 * 0.05) = 5
        double[] r = new double[100];
        for (int i = 0; i < 100; i++) {
            r[i] = -((i * 37) % 100 + 1) / 100.0;
        }
        assertEquals(0.96, ValueAtRisk.historical(r, 0.95), 1e-12);
        // CVaR: mean of 1.00, 0.99, 0.98, 0.97, 0.96 = 0.98
        assertEquals(0.98, ValueAtRisk.conditional(r, 0.95), 1e-12);
    }

    @Test
    void varAndCvarAgreeWithAFullSortOnRandomSamples() {
        var random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(400);
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = random.nextInt(5) == 0 ? 0.01 : random.nextGaussian() * 0.02; // with ties
            }
            double confidence = 0.5 + random.nextDouble() * 0.49;
            double[] sorted = r.clone();
            java.util.Arrays.sort(sorted);
            int k = Math.max(1, (int) Math.ceil(n * (1 - confidence) - 1e-9));
            double tail = 0;
            for (int i = 0; i < k; i++) {
                tail += sorted[i];
            }
            assertEquals(-sorted[k - 1], ValueAtRisk.historical(r, confidence), 0, "n=" + n);
            assertEquals(-tail / k, ValueAtRisk.conditional(r, confidence), 1e-15, "n=" + n);
        }
    }

    @Test
    void calmarIsUndefinedWithoutDrawdown() {
        assertTrue(Double.isNaN(RiskRatios.calmar(0.1, 0)));
        assertEquals(0.5, RiskRatios.calmar(0.1, 0.2), 1e-15);
    }

    @Test
    void herfindahlByHand() {
        // weights 0.5, 0.3, 0.2: 0.25 + 0.09 + 0.04 = 0.38; effective number 1 / 0.38 = 2.6315789473684212
        double[] holdings = {5000, 3000, 2000};
        assertEquals(0.38, Concentration.herfindahl(holdings), 1e-15);
        assertEquals(2.6315789473684212, Concentration.effectiveNumberOfHoldings(holdings), 1e-12);
        assertEquals(4.0, Concentration.effectiveNumberOfHoldings(new double[] {7, 7, 7, 7}), 1e-12);
        assertTrue(Double.isNaN(Concentration.herfindahl(new double[0])));
        assertTrue(Double.isNaN(Concentration.herfindahl(new double[] {0, 0})));
    }

    @Test
    void negativeHoldingIsRejectedNamingTheIndex() {
        var e = assertThrows(IllegalArgumentException.class, () -> Concentration.herfindahl(new double[] {1, -2}));
        assertEquals("holdingValues[1]: negative: -2.0", e.getMessage());
    }

    @Test
    void notANumberInReturnsIsRejectedNamingTheIndex() {
        var e = assertThrows(IllegalArgumentException.class, () -> Volatility.annualized(new double[] {0.1, Double.NaN}, 252));
        assertEquals("returns[1]: not a finite number: NaN", e.getMessage());
    }

    @Test
    void yangZhangNeedsThreeBarsAndRejectsAnInconsistentBar() {
        LocalDate d = LocalDate.of(2024, 1, 1);
        assertTrue(Double.isNaN(YangZhangVolatility.annualized(List.of(
                new OhlcSample(d, 10, 11, 9, 10), new OhlcSample(d.plusDays(1), 10, 11, 9, 10)), 252)));
        var e = assertThrows(IllegalArgumentException.class, () -> new OhlcSample(d, 10, 9.5, 9, 10));
        assertTrue(e.getMessage().startsWith("bar on 2024-01-01"), e.getMessage());
    }

    @Test
    void yangZhangOfBarsWithoutAnyMovementIsZero() {
        LocalDate d = LocalDate.of(2024, 1, 1);
        var bar = List.of(new OhlcSample(d, 10, 10, 10, 10), new OhlcSample(d.plusDays(1), 10, 10, 10, 10), new OhlcSample(d.plusDays(2), 10, 10, 10, 10));
        assertEquals(0.0, YangZhangVolatility.annualized(bar, 252), 0);
    }
}
