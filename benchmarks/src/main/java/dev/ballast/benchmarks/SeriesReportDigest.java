package dev.ballast.benchmarks;

import dev.ballast.engine.analytics.performance.MoneyWeightedReturn;
import dev.ballast.engine.analytics.performance.PeriodReturn;
import dev.ballast.engine.analytics.report.ReportSettings;
import dev.ballast.engine.analytics.report.SeriesReport;
import dev.ballast.engine.analytics.risk.RiskFreeRate;
import dev.ballast.engine.analytics.series.Valuation;
import dev.ballast.engine.analytics.series.ValuationHistory;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A SHA-256 digest of every output of {@link SeriesReport} (metrics map, XIRR method and iterations,
 * gain, drawdown episode, rolling arrays as text, every period return with its double bits) over
 * generated histories with gaps, withdrawals, zero values and three settings. Run it against two
 * builds to show that a change to the analytics left every result as it was, bit for bit:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.ballast.benchmarks.SeriesReportDigest 1000</pre>
 *
 * (docs/benchmarks.md#analytics). Uses only APIs that existed before the analytics-perf changes.
 */
public final class SeriesReportDigest {
    static MessageDigest md;
    static void put(String s) { md.update(s.getBytes()); md.update((byte) '\n'); }

    public static void main(String[] a) throws Exception {
        md = MessageDigest.getInstance("SHA-256");
        int series = Integer.parseInt(a[0]);
        SplittableRandom random = new SplittableRandom(20261122L);
        int count = 0;
        for (int s = 0; s < series; s++) {
            int variant = s % 5;
            LocalDate start = LocalDate.of(1995 + random.nextInt(20), 1 + random.nextInt(12), 1 + random.nextInt(28));
            int days = variant == 4 ? random.nextInt(40) : 200 + random.nextInt(4000);
            List<Valuation> vs = new ArrayList<>();
            double value = variant == 3 ? 0 : 10_000;
            LocalDate d = start;
            for (int i = 0; i < days; i++) {
                BigDecimal flow = BigDecimal.ZERO;
                if (i > 0) {
                    value *= Math.exp(0.0002 + 0.03 * (random.nextDouble() - 0.5) * (variant == 2 ? 4 : 1));
                    if (d.getDayOfMonth() == 1 || (variant == 3 && i == 5)) {
                        double f = variant == 1 && random.nextBoolean() ? -Math.min(50, value) : 100;
                        if (variant == 3 && i < 5) f = 0;
                        value += f;
                        flow = BigDecimal.valueOf(Math.round(f * 100), 2);
                    }
                }
                BigDecimal v = BigDecimal.valueOf(Math.round(value * 100), 2);
                vs.add(new Valuation(d, v, flow));
                value = v.doubleValue();
                // gaps: weekdays only for variant 1, random gaps for variant 2
                d = variant == 1 ? nextWeekday(d) : variant == 2 ? d.plusDays(1 + random.nextInt(3)) : d.plusDays(1);
            }
            ValuationHistory h;
            try { h = ValuationHistory.of(vs); } catch (RuntimeException e) { put("E" + e.getMessage()); continue; }
            for (ReportSettings st : List.of(
                    ReportSettings.defaults(365).withRiskFree(RiskFreeRate.annual(0.02)),
                    new ReportSettings(252, RiskFreeRate.ZERO, 0.99, 21),
                    new ReportSettings(252, RiskFreeRate.series(rf(Math.max(0, vs.size() - 1), random)), 0.9, 63))) {
                try {
                    SeriesReport r = SeriesReport.of(h, st);
                    count++;
                    put(r.metrics().toString());
                    put(r.moneyWeightedReturn().toString());
                    put(r.gain().toString());
                    put(r.maxDrawdownEpisode().toString());
                    put(Long.toHexString(Double.doubleToRawLongBits(r.annualizedVolatility())) + Double.doubleToRawLongBits(r.downsideDeviation())
                        + Double.doubleToRawLongBits(r.sharpeRatio()) + Double.doubleToRawLongBits(r.sortinoRatio())
                        + Double.doubleToRawLongBits(r.historicalVar()) + Double.doubleToRawLongBits(r.historicalCvar())
                        + Double.doubleToRawLongBits(r.timeWeightedReturn()) + Double.doubleToRawLongBits(r.cagr()));
                    put(Arrays.toString(r.rollingVolatility()));
                    put(Arrays.toString(r.rollingSharpe()));
                    for (var e : r.periodReturns().entrySet()) {
                        StringBuilder sb = new StringBuilder(e.getKey().toString());
                        for (PeriodReturn p : e.getValue()) {
                            sb.append(p.frequency()).append(p.from()).append(p.to()).append(Double.doubleToRawLongBits(p.value()));
                            if (s % 50 == 0) sb.append(p.label());
                        }
                        put(sb.toString());
                    }
                    put(MoneyWeightedReturn.cashFlows(h).toString());
                } catch (RuntimeException e) {
                    put("E" + e.getClass() + e.getMessage());
                }
            }
        }
        System.out.println(count + " reports " + HexFormat.of().formatHex(md.digest()));
    }

    static double[] rf(int n, SplittableRandom random) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = random.nextDouble() * 1e-4;
        return r;
    }

    static LocalDate nextWeekday(LocalDate d) {
        LocalDate n = d.plusDays(1);
        while (n.getDayOfWeek().getValue() > 5) n = n.plusDays(1);
        return n;
    }
}
