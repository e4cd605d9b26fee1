package dev.ballast.api.server;

import com.typesafe.config.Config;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRateProvider;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** FX rates from configuration ({@code ballast.trading.fx.USD.JPY = 150}), the same on every date; the inverse is derived. */
public final class ConfigFxRates implements FxRateProvider {
  private final Map<String, BigDecimal> rates = new HashMap<>();

  public ConfigFxRates(Config fx) {
    for (String from : fx.root().keySet()) {
      Config to = fx.getConfig(from);
      for (String quote : to.root().keySet()) {
        BigDecimal rate = new BigDecimal(to.getString(quote));
        if (rate.signum() <= 0) {
          throw new IllegalArgumentException("ballast.trading.fx." + from + "." + quote + ": must be greater than zero");
        }
        rates.put(AssetId.of(from) + "/" + AssetId.of(quote), rate);
      }
    }
  }

  @Override
  public Optional<BigDecimal> rate(AssetId from, AssetId to, LocalDate date) {
    if (from.equals(to)) {
      return Optional.of(BigDecimal.ONE);
    }
    BigDecimal direct = rates.get(from + "/" + to);
    if (direct != null) {
      return Optional.of(direct);
    }
    BigDecimal inverse = rates.get(to + "/" + from);
    return inverse == null ? Optional.empty() : Optional.of(BigDecimal.ONE.divide(inverse, java.math.MathContext.DECIMAL128));
  }
}
