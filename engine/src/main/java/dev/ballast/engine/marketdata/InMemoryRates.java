package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.AssetId;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** Rates held in memory per pair and date: what a snapshot or a value history loads once and reads many times. */
public final class InMemoryRates implements DatedRates {
  private final Map<String, NavigableMap<LocalDate, DatedRate>> byPair = new HashMap<>();

  public InMemoryRates(Collection<DatedRate> rates) {
    rates.forEach(this::put);
  }

  private void put(DatedRate r) {
    byPair.computeIfAbsent(key(r.base(), r.quote()), k -> new TreeMap<>()).put(r.date(), r);
  }

  @Override
  public Optional<DatedRate> latest(AssetId base, AssetId quote, LocalDate onOrBefore) {
    NavigableMap<LocalDate, DatedRate> series = byPair.get(key(base, quote));
    if (series == null) {
      return Optional.empty();
    }
    Map.Entry<LocalDate, DatedRate> e = series.floorEntry(onOrBefore);
    return e == null ? Optional.empty() : Optional.of(e.getValue());
  }

  private static String key(AssetId base, AssetId quote) {
    return base.value() + "/" + quote.value();
  }
}
