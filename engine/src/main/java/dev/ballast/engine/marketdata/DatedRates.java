package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.AssetId;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Stored rates as the price store keeps them: the latest of a pair on or before a date, as given. */
@FunctionalInterface
public interface DatedRates {
  Optional<DatedRate> latest(AssetId base, AssetId quote, LocalDate onOrBefore);

  /**
   * Every stored rate of the pair in date order, for a reader that walks forward day by day (a
   * value history): one pass instead of a lookup per day. Null when this store cannot list them;
   * the reader then asks {@link #latest} for each day.
   */
  default List<DatedRate> series(AssetId base, AssetId quote) {
    return null;
  }
}
