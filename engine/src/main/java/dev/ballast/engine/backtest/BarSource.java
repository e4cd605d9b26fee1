package dev.ballast.engine.backtest;

import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.model.AssetId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Port: the daily bars a backtest reads. The backtest asks only for the bar of the clock's day, so
 * an implementation may hold the whole history without a decision seeing its future.
 */
public interface BarSource {

  /** Every trading day of the data, ascending (the calendar only, no prices). */
  List<LocalDate> dates();

  /** The assets the data covers. */
  List<AssetId> assets();

  /** The bar of {@code asset} on {@code date}; empty when it did not trade that day. */
  Optional<Bar> bar(AssetId asset, LocalDate date);

  /**
   * The bar of the {@code asset}-th of {@link #assets()} on the {@code day}-th of {@link #dates()},
   * or null: the same bar as {@link #bar(AssetId, LocalDate)}, which it reads by default. The
   * backtester walks the bars by these indices; a source held in arrays answers without a look-up.
   */
  default Bar barAt(int asset, int day) {
    return bar(assets().get(asset), dates().get(day)).orElse(null);
  }

  /**
   * The splits and cash dividends of the assets, by ex-date, in the units and currency the bars
   * trade in (a dividend per unit as it was paid, not adjusted for later splits). None by default.
   */
  default List<CorporateAction> actions() {
    return List.of();
  }

  /** The first and last day {@code asset} has a bar: it is in the universe only between them. */
  default Optional<LocalDate[]> listed(AssetId asset) {
    LocalDate first = null;
    LocalDate last = null;
    for (LocalDate d : dates()) {
      if (bar(asset, d).isPresent()) {
        first = first == null ? d : first;
        last = d;
      }
    }
    return first == null ? Optional.empty() : Optional.of(new LocalDate[] {first, last});
  }

  /** Bars held in memory, with corporate actions. */
  static BarSource of(List<Bar> bars, List<CorporateAction> actions) {
    BarSource plain = of(bars);
    List<CorporateAction> sorted = new ArrayList<>(actions);
    sorted.sort(java.util.Comparator.comparing(CorporateAction::exDate));
    List<CorporateAction> fixed = List.copyOf(sorted);
    return new BarSource() {
      @Override
      public List<LocalDate> dates() {
        return plain.dates();
      }

      @Override
      public List<AssetId> assets() {
        return plain.assets();
      }

      @Override
      public Optional<Bar> bar(AssetId asset, LocalDate date) {
        return plain.bar(asset, date);
      }

      @Override
      public Bar barAt(int asset, int day) {
        return plain.barAt(asset, day);
      }

      @Override
      public Optional<LocalDate[]> listed(AssetId asset) {
        return plain.listed(asset);
      }

      @Override
      public List<CorporateAction> actions() {
        return fixed;
      }
    };
  }

  /**
   * Bars held in memory: one array of bars per asset, aligned to the calendar, so a bar is two hash
   * look-ups (the day's index, the asset's array) however long the history.
   */
  static BarSource of(List<Bar> bars) {
    TreeSet<LocalDate> dates = new TreeSet<>();
    TreeSet<AssetId> names = new TreeSet<>();
    for (Bar b : bars) {
      dates.add(b.date());
      names.add(b.asset());
    }
    List<LocalDate> calendar = List.copyOf(dates);
    Map<LocalDate, Integer> index = new java.util.HashMap<>(calendar.size() * 2);
    for (int i = 0; i < calendar.size(); i++) {
      index.put(calendar.get(i), i);
    }
    Map<AssetId, Bar[]> byAsset = new java.util.HashMap<>(names.size() * 2);
    for (AssetId a : names) {
      byAsset.put(a, new Bar[calendar.size()]);
    }
    for (Bar b : bars) {
      Bar[] series = byAsset.get(b.asset());
      int i = index.get(b.date());
      if (series[i] != null) {
        throw new IllegalArgumentException("two bars of " + b.asset() + " on " + b.date());
      }
      series[i] = b;
    }
    Map<AssetId, LocalDate[]> listed = new java.util.HashMap<>(names.size() * 2);
    byAsset.forEach((a, series) -> {
      int first = 0;
      while (series[first] == null) {
        first++;
      }
      int last = series.length - 1;
      while (series[last] == null) {
        last--;
      }
      listed.put(a, new LocalDate[] {calendar.get(first), calendar.get(last)});
    });
    List<AssetId> assets = List.copyOf(names);
    Bar[][] byIndex = new Bar[assets.size()][];
    for (int a = 0; a < assets.size(); a++) {
      byIndex[a] = byAsset.get(assets.get(a));
    }
    return new BarSource() {
      @Override
      public Bar barAt(int asset, int day) {
        return byIndex[asset][day];
      }

      @Override
      public List<LocalDate> dates() {
        return calendar;
      }

      @Override
      public List<AssetId> assets() {
        return assets;
      }

      @Override
      public Optional<Bar> bar(AssetId asset, LocalDate date) {
        Bar[] series = byAsset.get(asset);
        Integer i = series == null ? null : index.get(date);
        return i == null ? Optional.empty() : Optional.ofNullable(series[i]);
      }

      @Override
      public Optional<LocalDate[]> listed(AssetId asset) {
        LocalDate[] range = listed.get(asset);
        return range == null ? Optional.empty() : Optional.of(range.clone());
      }
    };
  }
}
