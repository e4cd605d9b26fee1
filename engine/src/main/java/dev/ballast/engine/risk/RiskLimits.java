package dev.ballast.engine.risk;

import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import dev.ballast.engine.marketdata.InstrumentId;

/**
 * The limits of the pre-trade checks, in the portfolio's base currency.
 *
 * @param priceBandBps how far (in basis points) the intent's price may be from the latest price
 * @param maxPriceAge a latest price older than this is stale
 * @param allowedInstruments the instruments the strategy may trade; null: those of its trade rules
 */
public record RiskLimits(
    Money maxOrderValue, Money maxDailyTurnover, BigDecimal priceBandBps, Duration maxPriceAge, List<InstrumentId> allowedInstruments) {
  public RiskLimits {
    allowedInstruments = allowedInstruments == null ? null : List.copyOf(allowedInstruments);
    priceBandBps = dev.ballast.engine.model.Decimals.shortest(priceBandBps);
    Objects.requireNonNull(maxOrderValue, "maxOrderValue");
    Objects.requireNonNull(maxDailyTurnover, "maxDailyTurnover");
    Objects.requireNonNull(priceBandBps, "priceBandBps");
    Objects.requireNonNull(maxPriceAge, "maxPriceAge");
    if (!maxOrderValue.currency().equals(maxDailyTurnover.currency())) {
      throw new IllegalArgumentException("risk limits: maxOrderValue and maxDailyTurnover must be in one currency");
    }
    if (maxOrderValue.signum() < 0 || maxDailyTurnover.signum() < 0 || priceBandBps.signum() < 0 || maxPriceAge.isNegative()) {
      throw new IllegalArgumentException("risk limits: no limit may be negative");
    }
  }
}
