package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRate;
import dev.ballast.engine.model.FxRateProvider;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FX rates that do not change with the date (from configuration), until the market data's FX
 * history is wired in. Each rate also answers the other way round, as its inverse rounded to 34
 * significant digits.
 */
public final class FixedFxRates implements FxRateProvider {
  private final Map<String, BigDecimal> rates = new HashMap<>();

  public FixedFxRates(List<FxRate> given) {
    for (FxRate rate : given) {
      rates.put(key(rate.base(), rate.quote()), rate.rate());
      rates.putIfAbsent(key(rate.quote(), rate.base()), BigDecimal.ONE.divide(rate.rate(), MathContext.DECIMAL128));
    }
  }

  private static String key(AssetId from, AssetId to) {
    return from.value() + "/" + to.value();
  }

  @Override
  public Optional<BigDecimal> rate(AssetId from, AssetId to, LocalDate date) {
    if (from.equals(to)) {
      return Optional.of(BigDecimal.ONE);
    }
    return Optional.ofNullable(rates.get(key(from, to)));
  }
}
