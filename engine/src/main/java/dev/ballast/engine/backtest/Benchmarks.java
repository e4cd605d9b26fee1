package dev.ballast.engine.backtest;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.portfolio.TargetAllocation;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Buy-and-hold comparisons: the initial cash split by weights at the first bar's close, without
 * fees, and never traded again (fractional units to 16 significant digits, DECIMAL64: a comparison
 * series, read over every bar of every asset, where 34 digits cost more than they tell).
 */
public final class Benchmarks {
  private Benchmarks() {}

  /** The config's target weights (by asset) bought once and never rebalanced. */
  static BacktestResult.Benchmark targetWeights(BacktestConfig config, BarSource bars, List<LocalDate> days) {
    Map<AssetId, BigDecimal> weights = new TreeMap<>();
    if (config.targets().kind() == TargetAllocation.Kind.ASSET) {
      for (TargetAllocation.Target t : config.targets().targets()) {
        weights.put(AssetId.of(t.key()), t.weightPercent());
      }
    }
    return of("target weights, never rebalanced", weights, config.initial().amount(), config.currency(), bars, days);
  }

  /** Buy-and-hold of one asset over the days of a result. */
  public static BacktestResult.Benchmark asset(AssetId asset, BacktestResult result, BarSource bars) {
    List<LocalDate> days = result.values().stream().map(BacktestResult.ValuePoint::date).toList();
    return of("buy and hold " + asset, Map.of(asset, BigDecimal.valueOf(100)), result.config().initial().amount(),
        result.config().currency(), bars, days);
  }

  static BacktestResult.Benchmark of(String name, Map<AssetId, BigDecimal> weights, BigDecimal initial, AssetId cur, BarSource bars,
      List<LocalDate> days) {
    Map<AssetId, BigDecimal> units = new TreeMap<>();
    BigDecimal cash = initial;
    LocalDate first = days.get(0);
    for (Map.Entry<AssetId, BigDecimal> w : weights.entrySet()) {
      var bar = bars.bar(w.getKey(), first);
      if (bar.isEmpty() || w.getKey().equals(cur)) {
        continue;
      }
      BigDecimal spend = initial.multiply(w.getValue()).divide(TargetAllocation.HUNDRED);
      units.put(w.getKey(), spend.divide(bar.get().close(), MathContext.DECIMAL64));
      cash = cash.subtract(spend);
    }
    Map<AssetId, BigDecimal> last = new TreeMap<>();
    List<BacktestResult.ValuePoint> values = new ArrayList<>();
    for (LocalDate d : days) {
      BigDecimal v = cash;
      for (Map.Entry<AssetId, BigDecimal> u : units.entrySet()) {
        bars.bar(u.getKey(), d).ifPresent(b -> last.put(u.getKey(), b.close()));
        v = v.add(u.getValue().multiply(last.get(u.getKey())));
      }
      values.add(new BacktestResult.ValuePoint(d, v.round(MathContext.DECIMAL64).stripTrailingZeros()));
    }
    return new BacktestResult.Benchmark(name, values, BacktestMetrics.of(values, BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of()));
  }
}
