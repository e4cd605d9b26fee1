package dev.ballast.benchmarks;

import dev.ballast.engine.analytics.report.ReportSettings;
import dev.ballast.engine.analytics.report.SeriesReport;
import dev.ballast.engine.analytics.risk.RiskFreeRate;
import dev.ballast.engine.analytics.series.Valuation;
import dev.ballast.engine.analytics.series.ValuationHistory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 3's target: every {@link SeriesReport} metric over 20 years of daily values for 1,000
 * series in under a second. One operation is the whole batch of series; {@link #plainLoopCeiling}
 * reads the same values once with nothing else to do, the floor no analytics can go below.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class SeriesReportBenchmark {

    @Param("1000")
    int series;

    /** 20 years of calendar days: crypto and mixed portfolios are valued every day. */
    @Param("7305")
    int days;

    private ValuationHistory[] histories;
    private double[][] values;
    private ReportSettings settings;

    @Setup(Level.Trial)
    public void generate() {
        // a reproducible random walk per series (drift 8 %/year, volatility 60 %/year, like a crypto
        // book) with a deposit on the first day of every month, so XIRR and the gain have flows to work on
        SplittableRandom random = new SplittableRandom(20261122L);
        LocalDate start = LocalDate.of(2006, 1, 1);
        LocalDate[] dates = new LocalDate[days];
        for (int d = 0; d < days; d++) {
            dates[d] = start.plusDays(d);
        }
        double drift = 0.08 / 365;
        double sigma = 0.60 / Math.sqrt(365);
        histories = new ValuationHistory[series];
        values = new double[series][];
        for (int s = 0; s < series; s++) {
            List<Valuation> valuations = new ArrayList<>(days);
            double value = 10_000;
            for (int d = 0; d < days; d++) {
                BigDecimal flow = BigDecimal.ZERO;
                if (d > 0) {
                    value *= Math.exp(drift - sigma * sigma / 2 + sigma * gaussian(random));
                    if (dates[d].getDayOfMonth() == 1) {
                        value += 100;
                        flow = BigDecimal.valueOf(100);
                    }
                }
                valuations.add(new Valuation(dates[d], BigDecimal.valueOf(Math.round(value * 100), 2), flow));
            }
            histories[s] = ValuationHistory.of(valuations);
            values[s] = histories[s].series().values();
        }
        settings = ReportSettings.defaults(365).withRiskFree(RiskFreeRate.annual(0.02));
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Every metric of every series, including the keyed map the CLI prints. */
    @Benchmark
    public void allMetrics(Blackhole sink) {
        for (ValuationHistory history : histories) {
            SeriesReport report = SeriesReport.of(history, settings);
            sink.consume(report.metrics());
            sink.consume(report.periodReturns());
            sink.consume(report.rollingVolatility());
        }
    }

    /**
     * The same work spread over every core (two here) through the common fork-join pool: the series
     * are independent, so this is how a report over many portfolios would run.
     */
    @Benchmark
    public List<Map<String, Object>> allMetricsAllCores() {
        return Arrays.stream(histories).parallel().map(h -> SeriesReport.of(h, settings).metrics()).toList();
    }

    /** The ceiling: one pass summing every value of the same series. */
    @Benchmark
    public double plainLoopCeiling() {
        double sum = 0;
        for (double[] v : values) {
            for (double x : v) {
                sum += x;
            }
        }
        return sum;
    }
}
