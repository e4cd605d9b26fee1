package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** The market capitalisation of a coin at a time, in a currency, as its source reported it. */
public record MarketCap(AssetId coin, AssetId currency, Instant time, BigDecimal value) {
  public MarketCap {
    Objects.requireNonNull(coin, "coin");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(time, "time");
    if (value == null || value.signum() < 0) {
      throw new IllegalArgumentException("market cap of " + coin + " at " + time + ": must be zero or more, got " + value);
    }
  }
}
