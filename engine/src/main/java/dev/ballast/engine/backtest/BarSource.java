package dev.ballast.engine.backtest;

import dev.ballast.engine.model.AssetId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

  /** Bars held in memory. */
  static BarSource of(List<Bar> bars) {
    Map<AssetId, TreeMap<LocalDate, Bar>> byAsset = new TreeMap<>();
    TreeSet<LocalDate> dates = new TreeSet<>();
    for (Bar b : bars) {
      if (byAsset.computeIfAbsent(b.asset(), a -> new TreeMap<>()).put(b.date(), b) != null) {
        throw new IllegalArgumentException("two bars of " + b.asset() + " on " + b.date());
      }
      dates.add(b.date());
    }
    List<LocalDate> calendar = List.copyOf(dates);
    List<AssetId> assets = List.copyOf(new ArrayList<>(byAsset.keySet()));
    return new BarSource() {
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
        TreeMap<LocalDate, Bar> m = byAsset.get(asset);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(date));
      }
    };
  }
}
