package dev.ballast.engine.analytics.risk;

import static dev.ballast.engine.analytics.Fixtures.BENCHMARK_B;
import static dev.ballast.engine.analytics.Fixtures.RETURNS_C;
import static dev.ballast.engine.analytics.Fixtures.reference;
import static dev.ballast.engine.analytics.Fixtures.returnsA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.analytics.series.OhlcSample;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Risk metrics of series A against values computed by reference_values.py (numpy/scipy), which
 * implements docs/metrics.md separately from this code.
 */
class RiskReferenceValuesTest {

    private static final RiskFreeRate RF = RiskFreeRate.annual(0.02);

    private static void close(String key, double actual) {
        double expected = reference(key);
        assertEquals(expected, actual, 1e-10 * Math.max(1, Math.abs(expected)), key);
    }

    @Test
    void volatilityAndDownsideDeviation() {
        close("a.annualized_volatility", Volatility.annualized(returnsA(), 252));
        close("a.downside_deviation", Volatility.downsideDeviation(returnsA(), 0, 252));
    }

    @Test
    void sharpeAndSortinoWithAConstantRiskFreeRate() {
        close("a.sharpe_ratio", RiskRatios.sharpe(returnsA(), RF, 252));
        close("a.sortino_ratio", RiskRatios.sortino(returnsA(), RF, 252));
    }

    @Test
    void sharpeWithARiskFreeSeriesEqualsTheConstantWhenTheSeriesIsConstant() {
        double perPeriod = Math.pow(1.02, 1.0 / 252) - 1;
        double[] rf = new double[11];
        java.util.Arrays.fill(rf, perPeriod);
        close("a.sharpe_ratio", RiskRatios.sharpe(returnsA(), RiskFreeRate.series(rf), 252));
    }

    @Test
    void historicalVarAndCvar() {
        close("a.historical_var_80", ValueAtRisk.historical(returnsA(), 0.80));
        close("a.historical_cvar_80", ValueAtRisk.conditional(returnsA(), 0.80));
    }

    @Test
    void rollingVolatilityAndSharpe() {
        double[] vol = Volatility.rolling(returnsA(), 5, 252);
        assertEquals(11, vol.length);
        for (int i = 0; i < 4; i++) {
            assertTrue(Double.isNaN(vol[i]), "incomplete window " + i);
        }
        close("a.rolling_volatility_5_first", vol[4]);
        close("a.rolling_volatility_5_last", vol[10]);
        close("a.rolling_sharpe_5_last", RiskRatios.rollingSharpe(returnsA(), RiskFreeRate.ZERO, 5, 252)[10]);
    }

    @Test
    void benchmarkStatistics() {
        close("ab.beta", BenchmarkStatistics.beta(returnsA(), BENCHMARK_B));
        close("ab.alpha", BenchmarkStatistics.alpha(returnsA(), BENCHMARK_B, RF, 252));
        close("ab.tracking_error", BenchmarkStatistics.trackingError(returnsA(), BENCHMARK_B, 252));
        close("ab.information_ratio", BenchmarkStatistics.informationRatio(returnsA(), BENCHMARK_B, 252));
    }

    @Test
    void covarianceAndCorrelationMatrices() {
        double[][] m = {returnsA(), BENCHMARK_B, RETURNS_C};
        double[][] cov = CorrelationMatrix.covariance(m);
        double[][] corr = CorrelationMatrix.correlation(m);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                close("abc.covariance." + i + "." + j, cov[i][j]);
                close("abc.correlation." + i + "." + j, corr[i][j]);
            }
        }
    }

    @Test
    void yangZhangVolatility() {
        LocalDate d = LocalDate.of(2024, 3, 4);
        List<OhlcSample> bars = List.of(
                new OhlcSample(d, 100.0, 101.0, 99.0, 100.5),
                new OhlcSample(d.plusDays(1), 100.8, 102.5, 100.2, 102.0),
                new OhlcSample(d.plusDays(2), 101.5, 103.0, 100.9, 101.2),
                new OhlcSample(d.plusDays(3), 101.0, 101.8, 98.7, 99.1),
                new OhlcSample(d.plusDays(4), 99.6, 100.4, 98.9, 100.1),
                new OhlcSample(d.plusDays(7), 100.3, 102.2, 100.0, 101.9));
        close("yz.annualized_252", YangZhangVolatility.annualized(bars, 252));
    }
}
