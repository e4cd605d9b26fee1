package dev.ballast.engine.analytics.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.analytics.Fixtures;
import dev.ballast.engine.analytics.report.ReportSettings;
import dev.ballast.engine.analytics.report.SeriesReport;
import dev.ballast.engine.analytics.risk.Drawdown;
import dev.ballast.engine.analytics.series.ReturnSeries;
import dev.ballast.engine.analytics.series.ValueSeries;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the performance and risk metrics over generated series. */
class PerformancePropertiesTest {

    private static final LocalDate START = LocalDate.of(2020, 1, 1);

    /**
     * Values from a start in [0.01, 1e6] moved by daily returns in [-50 %, +100 %]. Returns closer
     * to -100 % are left out on purpose: {@code 1 + r} then loses digits to rounding, which says
     * nothing about the metrics.
     */
    @Provide
    Arbitrary<double[]> values() {
        Arbitrary<Double> start = Arbitraries.doubles().between(0.01, 1e6);
        Arbitrary<double[]> moves = Arbitraries.doubles().between(-0.5, 1.0).array(double[].class).ofMinSize(1).ofMaxSize(80);
        return net.jqwik.api.Combinators.combine(start, moves).as((s, m) -> {
            double[] v = new double[m.length + 1];
            v[0] = s;
            for (int i = 0; i < m.length; i++) {
                v[i + 1] = v[i] * (1 + m[i]);
            }
            return v;
        });
    }

    private static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, was " + actual);
        } else {
            assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
        }
    }

    @Property
    void twrOfASeriesWithoutFlowsIsItsCumulativeReturn(@ForAll("values") double[] values) {
        ValueSeries series = ValueSeries.daily(START, values);
        close(values[values.length - 1] / values[0] - 1, TimeWeightedReturn.of(series), "TWR");
        close(CumulativeReturn.ofValues(series), TimeWeightedReturn.of(series), "TWR");
    }

    @Property
    void scalingAllValuesLeavesEveryReturnMetricUnchanged(@ForAll("values") double[] values,
                                                          @ForAll @DoubleRange(min = 0.01, max = 1000) double factor) {
        double[] flows = new double[values.length];
        ValueSeries series = ValueSeries.daily(START, values);
        var settings = ReportSettings.defaults(252).withRiskFree(dev.ballast.engine.analytics.risk.RiskFreeRate.annual(0.03));
        SeriesReport a = SeriesReport.of(Fixtures.history(START, values, flows), settings);
        SeriesReport b = SeriesReport.of(Fixtures.history(START, series.scaled(factor).values(), flows), settings);
        close(a.timeWeightedReturn(), b.timeWeightedReturn(), "time_weighted_return");
        close(a.cagr(), b.cagr(), "cagr");
        close(a.moneyWeightedReturn().rateOrNaN(), b.moneyWeightedReturn().rateOrNaN(), "money_weighted_return");
        close(a.annualizedVolatility(), b.annualizedVolatility(), "annualized_volatility");
        close(a.downsideDeviation(), b.downsideDeviation(), "downside_deviation");
        close(a.sharpeRatio(), b.sharpeRatio(), "sharpe_ratio");
        close(a.sortinoRatio(), b.sortinoRatio(), "sortino_ratio");
        close(a.calmarRatio(), b.calmarRatio(), "calmar_ratio");
        close(a.maxDrawdown(), b.maxDrawdown(), "max_drawdown");
        close(a.historicalVar(), b.historicalVar(), "historical_var");
        close(a.historicalCvar(), b.historicalCvar(), "historical_cvar");
        close(a.gain().orElseThrow().relative(), b.gain().orElseThrow().relative(), "relative_gain");
    }

    @Property
    void aDepositDoesNotChangeTheTwr(@ForAll("values") double[] values,
                                     @ForAll @IntRange(min = 0, max = 1000) int dayChoice,
                                     @ForAll @DoubleRange(min = 0.01, max = 100) double depositPerValue) {
        int day = dayChoice % values.length;
        double deposit = depositPerValue * values[day];
        // the deposit arrives at the end of `day` and is invested like the rest: from then on every
        // value is larger by the factor (V_day + D) / V_day
        double growth = (values[day] + deposit) / values[day];
        double[] withDeposit = values.clone();
        double[] flows = new double[values.length];
        for (int t = day; t < values.length; t++) {
            withDeposit[t] *= growth;
        }
        flows[day] = day == 0 ? 0 : deposit;
        ValueSeries before = ValueSeries.daily(START, values);
        LocalDate[] dates = before.dates();
        ValueSeries after = ValueSeries.of(dates, withDeposit, flows);
        close(TimeWeightedReturn.of(before), TimeWeightedReturn.of(after), "TWR");
    }

    @Property
    void maxDrawdownIsBetweenZeroAndOne(@ForAll("values") double[] values,
                                        @ForAll @IntRange(min = 0, max = 1000) int dayChoice) {
        // with a withdrawal of everything on one day, which takes the index to its limits
        double[] flows = new double[values.length];
        double[] v = values.clone();
        int day = dayChoice % values.length;
        if (day > 0) {
            flows[day] = -v[day];
            v[day] = 0;
            for (int t = day + 1; t < v.length; t++) {
                v[t] = 0;
            }
        }
        ReturnSeries r = ReturnSeries.of(ValueSeries.of(ValueSeries.daily(START, values).dates(), v, flows));
        double depth = Drawdown.maximumDepth(r.toArray());
        assertTrue(depth >= 0 && depth <= 1, "depth " + depth);
        double episodeDepth = Drawdown.maximum(r).map(e -> e.depth()).orElse(0.0);
        assertTrue(episodeDepth >= 0 && episodeDepth <= 1, "episode depth " + episodeDepth);
        assertEquals(depth, episodeDepth, 1e-9);
    }

    @Property
    void withoutFlowsTheMoneyWeightedReturnIsTheCagr(@ForAll("values") double[] values) {
        double[] flows = new double[values.length];
        var history = Fixtures.history(START, values, flows);
        double cagr = TimeWeightedReturn.annualized(history.series());
        // a loss annualized over a few days can be -1 + 1e-100: below the XIRR search range (docs/metrics.md#xirr)
        net.jqwik.api.Assume.that(cagr > -1 + 1e-12);
        IrrResult mwr = MoneyWeightedReturn.of(history);
        // annualizing a few days raises rounding errors to the power 365 / days, hence the wider tolerance
        assertEquals(cagr, mwr.rateOrNaN(), 1e-7 * Math.max(1, Math.abs(cagr)), "money_weighted_return vs cagr");
    }

    @Property
    void periodReturnsChainToTheTwr(@ForAll("values") double[] values) {
        ValueSeries series = ValueSeries.daily(START, values);
        ReturnSeries r = ReturnSeries.of(series);
        for (Frequency f : Frequency.values()) {
            List<PeriodReturn> periods = PeriodReturns.of(r, f);
            double growth = 1;
            for (PeriodReturn p : periods) {
                growth *= 1 + p.value();
            }
            close(TimeWeightedReturn.of(series), growth - 1, "chained " + f);
        }
    }
}
