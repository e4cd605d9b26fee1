package dev.ballast.engine.backtest;

import dev.ballast.engine.analytics.performance.TimeWeightedReturn;
import dev.ballast.engine.analytics.risk.Drawdown;
import dev.ballast.engine.analytics.risk.DrawdownEpisode;
import dev.ballast.engine.analytics.risk.RiskFreeRate;
import dev.ballast.engine.analytics.risk.RiskRatios;
import dev.ballast.engine.analytics.risk.Volatility;
import dev.ballast.engine.analytics.series.ReturnSeries;
import dev.ballast.engine.analytics.series.ValueSeries;
import dev.ballast.engine.analytics.trades.RoundTrip;
import dev.ballast.engine.analytics.trades.TradeStatistics;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The figures of one value series, from the analytics module (docs/metrics.md): money exact, the
 * ratios as doubles as the analytics give them (NaN where undefined, e.g. a Sharpe ratio of a flat
 * series). Daily bars: 252 periods a year, risk-free rate zero.
 *
 * @param turnover value traded over the mean portfolio value
 * @param closedTrades round trips closed (FIFO lots), with their win rate and profit factor
 */
public record BacktestMetrics(
    BigDecimal startValue,
    BigDecimal endValue,
    double twr,
    double cagr,
    double volatility,
    double sharpe,
    double sortino,
    double calmar,
    double maxDrawdown,
    long maxDrawdownDays,
    BigDecimal turnover,
    BigDecimal feesPaid,
    int trades,
    int closedTrades,
    double winRate,
    double profitFactor) {

  static final int PERIODS_PER_YEAR = 252;

  static BacktestMetrics of(List<BacktestResult.ValuePoint> values, BigDecimal traded, BigDecimal fees, int trades, List<RoundTrip> trips) {
    int n = values.size();
    LocalDate[] dates = new LocalDate[n];
    double[] v = new double[n];
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < n; i++) {
      dates[i] = values.get(i).date();
      v[i] = values.get(i).value().doubleValue();
      sum = sum.add(values.get(i).value());
    }
    BigDecimal start = values.get(0).value();
    BigDecimal end = values.get(n - 1).value();
    double twr = Double.NaN;
    double cagr = Double.NaN;
    double vol = Double.NaN;
    double sharpe = Double.NaN;
    double sortino = Double.NaN;
    double maxDd = 0;
    long ddDays = 0;
    if (n >= 2) {
      ValueSeries series = ValueSeries.of(dates, v);
      twr = TimeWeightedReturn.of(series);
      cagr = TimeWeightedReturn.annualized(series);
      ReturnSeries returns = ReturnSeries.of(series);
      double[] r = returns.toArray();
      vol = Volatility.annualized(r, PERIODS_PER_YEAR);
      sharpe = r.length < 2 ? Double.NaN : RiskRatios.sharpe(r, RiskFreeRate.annual(0), PERIODS_PER_YEAR);
      sortino = r.length < 2 ? Double.NaN : RiskRatios.sortino(r, RiskFreeRate.annual(0), PERIODS_PER_YEAR);
      Optional<DrawdownEpisode> dd = Drawdown.maximum(returns);
      if (dd.isPresent()) {
        maxDd = dd.get().depth();
        ddDays = dd.get().durationDays();
      }
    }
    double calmar = maxDd > 0 && !Double.isNaN(cagr) ? RiskRatios.calmar(cagr, maxDd) : Double.NaN;
    BigDecimal mean = sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128);
    BigDecimal turnover = traded.divide(mean, MathContext.DECIMAL64);
    TradeStatistics stats = TradeStatistics.of(trips);
    return new BacktestMetrics(start, end, twr, cagr, vol, sharpe, sortino, calmar, maxDd, ddDays, turnover, fees, trades,
        stats.count(), stats.count() == 0 ? Double.NaN : stats.winRate(), stats.profitFactor());
  }
}
