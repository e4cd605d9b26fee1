package dev.ballast.engine.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/** Port: the rate to convert one unit of {@code from} into {@code to} on a date. */
public interface FxRateProvider {
  Optional<BigDecimal> rate(AssetId from, AssetId to, LocalDate date);

  /** The same rate, naming its currencies. */
  default Optional<FxRate> fxRate(AssetId from, AssetId to, LocalDate date) {
    return rate(from, to, date).map(r -> new FxRate(from, to, r));
  }
}
