package dev.ballast.engine.backtest;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.ExactSum;
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
    // by index into the source's assets and dates: the walk over every bar of every held asset is array reads, no look-ups
    List<AssetId> assets = bars.assets();
    List<LocalDate> calendar = bars.dates();
    int[] held = new int[units.size()];
    BigDecimal[] quantity = new BigDecimal[units.size()];
    BigDecimal[] last = new BigDecimal[units.size()];
    int n = 0;
    for (Map.Entry<AssetId, BigDecimal> u : units.entrySet()) {
      held[n] = assets.indexOf(u.getKey());
      quantity[n++] = u.getValue();
    }
    int found = java.util.Collections.binarySearch(calendar, first);
    int day = found >= 0 ? found : -found - 1;
    List<BacktestResult.ValuePoint> values = new ArrayList<>(days.size());
    for (LocalDate d : days) {
      // the days are the calendar's from the first on, each of them (a result's days or the run's)
      while (day < calendar.size() && calendar.get(day).isBefore(d)) {
        day++;
      }
      boolean onCalendar = day < calendar.size() && calendar.get(day).equals(d);
      ExactSum sum = new ExactSum();
      for (int k = 0; k < n; k++) {
        Bar b = onCalendar ? bars.barAt(held[k], day) : bars.bar(assets.get(held[k]), d).orElse(null);
        if (b != null) {
          last[k] = b.close();
        }
        sum.addProduct(quantity[k], last[k]);
      }
      BigDecimal v = sum.plus(cash);
      values.add(new BacktestResult.ValuePoint(d, v.round(MathContext.DECIMAL64).stripTrailingZeros()));
    }
    return new BacktestResult.Benchmark(name, values, BacktestMetrics.of(values, BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of()));
  }
}
