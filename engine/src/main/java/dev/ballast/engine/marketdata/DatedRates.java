package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.AssetId;
import java.time.LocalDate;
import java.util.Optional;

/** Stored rates as the price store keeps them: the latest of a pair on or before a date, as given. */
@FunctionalInterface
public interface DatedRates {
  Optional<DatedRate> latest(AssetId base, AssetId quote, LocalDate onOrBefore);
}
