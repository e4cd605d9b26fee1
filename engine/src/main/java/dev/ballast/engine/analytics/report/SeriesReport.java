package dev.ballast.engine.analytics.report;

import dev.ballast.engine.analytics.performance.AnnualizedReturn;
import dev.ballast.engine.analytics.performance.CumulativeReturn;
import dev.ballast.engine.analytics.performance.Frequency;
import dev.ballast.engine.analytics.performance.Gain;
import dev.ballast.engine.analytics.performance.IrrResult;
import dev.ballast.engine.analytics.performance.MoneyWeightedReturn;
import dev.ballast.engine.analytics.performance.PeriodReturn;
import dev.ballast.engine.analytics.performance.PeriodReturns;
import dev.ballast.engine.analytics.risk.Drawdown;
import dev.ballast.engine.analytics.risk.DrawdownEpisode;
import dev.ballast.engine.analytics.risk.RiskRatios;
import dev.ballast.engine.analytics.risk.ValueAtRisk;
import dev.ballast.engine.analytics.risk.Volatility;
import dev.ballast.engine.analytics.series.ReturnSeries;
import dev.ballast.engine.analytics.series.ValuationHistory;
import dev.ballast.engine.analytics.series.ValueSeries;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every metric of one valuation history, by the names of docs/metrics.md, for the CLI
 * ({@code metrics --series}) and reports (docs/metrics.md#series-report).
 */
public record SeriesReport(
        ReportSettings settings,
        int observations,
        Optional<LocalDate> startDate,
        Optional<LocalDate> endDate,
        double timeWeightedReturn,
        double cagr,
        IrrResult moneyWeightedReturn,
        Optional<Gain> gain,
        double annualizedVolatility,
        double downsideDeviation,
        double sharpeRatio,
        double sortinoRatio,
        double calmarRatio,
        double maxDrawdown,
        Optional<DrawdownEpisode> maxDrawdownEpisode,
        double historicalVar,
        double historicalCvar,
        double[] rollingVolatility,
        double[] rollingSharpe,
        Map<Frequency, List<PeriodReturn>> periodReturns) {

    public SeriesReport {
        rollingVolatility = rollingVolatility.clone();
        rollingSharpe = rollingSharpe.clone();
        periodReturns = Collections.unmodifiableMap(new EnumMap<>(periodReturns));
    }

    /** Computes the report; see docs/metrics.md#series-report for what each field holds. */
    public static SeriesReport of(ValuationHistory history, ReportSettings settings) {
        ValueSeries series = history.series();
        ReturnSeries returnSeries = ReturnSeries.of(series);
        double[] r = returnSeries.toArray();
        int p = settings.periodsPerYear();
        int n = series.size();
        Optional<LocalDate> start = n == 0 ? Optional.empty() : Optional.of(series.date(0));
        Optional<LocalDate> end = n == 0 ? Optional.empty() : Optional.of(series.date(n - 1));

        double twr = n == 0 ? Double.NaN : CumulativeReturn.of(r);
        double cagr = n < 2 ? Double.NaN : AnnualizedReturn.cagr(twr, series.date(0), series.date(n - 1));
        Optional<DrawdownEpisode> episode = Drawdown.maximum(returnSeries);
        double maxDrawdown = n == 0 ? Double.NaN : episode.map(DrawdownEpisode::depth).orElse(0.0);
        // the risk-free rate is subtracted once for the three ratios, the worst returns selected once for VaR and CVaR
        double[] excess = RiskRatios.excess(r, settings.riskFree(), p);
        ValueAtRisk.Estimate var = ValueAtRisk.estimate(r, settings.varConfidence());
        return new SeriesReport(
                settings,
                n,
                start,
                end,
                twr,
                cagr,
                MoneyWeightedReturn.of(history),
                Gain.of(history),
                Volatility.annualized(r, p),
                Volatility.downsideDeviation(r, 0, p),
                RiskRatios.sharpeOfExcess(excess, p),
                RiskRatios.sortinoOfExcess(excess, p),
                RiskRatios.calmar(cagr, maxDrawdown),
                maxDrawdown,
                episode,
                var.valueAtRisk(),
                var.conditionalValueAtRisk(),
                Volatility.rolling(r, settings.rollingWindow(), p),
                RiskRatios.rollingSharpeOfExcess(excess, settings.rollingWindow(), p),
                PeriodReturns.ofEveryFrequency(returnSeries));
    }

    @Override
    public double[] rollingVolatility() {
        return rollingVolatility.clone();
    }

    @Override
    public double[] rollingSharpe() {
        return rollingSharpe.clone();
    }

    /**
     * The scalar metrics in a fixed order, keyed by their names in docs/metrics.md, for a table or
     * JSON. Values are Double, Integer, Long, String (dates as ISO text, amounts as plain decimals);
     * an undefined metric (NaN or empty) is null.
     */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("observations", observations);
        m.put("start_date", startDate.map(LocalDate::toString).orElse(null));
        m.put("end_date", endDate.map(LocalDate::toString).orElse(null));
        m.put("periods_per_year", settings.periodsPerYear());
        m.put("time_weighted_return", defined(timeWeightedReturn));
        m.put("cagr", defined(cagr));
        m.put("money_weighted_return", defined(moneyWeightedReturn.rateOrNaN()));
        m.put("absolute_gain", gain.map(g -> g.absolute().toPlainString()).orElse(null));
        m.put("relative_gain", gain.map(g -> defined(g.relative())).orElse(null));
        m.put("annualized_volatility", defined(annualizedVolatility));
        m.put("downside_deviation", defined(downsideDeviation));
        m.put("sharpe_ratio", defined(sharpeRatio));
        m.put("sortino_ratio", defined(sortinoRatio));
        m.put("calmar_ratio", defined(calmarRatio));
        m.put("max_drawdown", defined(maxDrawdown));
        m.put("max_drawdown_peak", maxDrawdownEpisode.map(e -> e.peak().toString()).orElse(null));
        m.put("max_drawdown_trough", maxDrawdownEpisode.map(e -> e.trough().toString()).orElse(null));
        m.put("max_drawdown_recovery", maxDrawdownEpisode.flatMap(DrawdownEpisode::recovery).map(LocalDate::toString).orElse(null));
        m.put("max_drawdown_duration_days", maxDrawdownEpisode.map(DrawdownEpisode::durationDays).orElse(null));
        m.put("var_confidence", settings.varConfidence());
        m.put("historical_var", defined(historicalVar));
        m.put("historical_cvar", defined(historicalCvar));
        return Collections.unmodifiableMap(m);
    }

    private static Double defined(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
