package dev.ballast.engine.regime;

import dev.ballast.engine.analytics.series.OhlcSample;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One closed UTC day of the crypto market: the total market cap's open, high, low and close, and the
 * dominance (percent, 0-100) of BTC, ETH and the stablecoins at the close; the rest are altcoins.
 */
public record MarketDay(OhlcSample totalCap, double btcDominance, double ethDominance, double stableDominance) {

  public MarketDay {
    Objects.requireNonNull(totalCap, "totalCap");
    check("btcDominance", btcDominance);
    check("ethDominance", ethDominance);
    check("stableDominance", stableDominance);
    if (btcDominance + ethDominance + stableDominance > 100 + 1e-9) {
      throw new IllegalArgumentException("dominance on " + totalCap.date() + ": BTC, ETH and stablecoins add up to more than 100");
    }
  }

  private static void check(String field, double v) {
    if (!(v >= 0 && v <= 100)) {
      throw new IllegalArgumentException(field + ": must be a percent between 0 and 100, was " + v);
    }
  }

  public LocalDate date() {
    return totalCap.date();
  }

  public double altDominance() {
    return 100 - btcDominance - ethDominance - stableDominance;
  }

  /** When the day's values become known: at the end of the UTC day. */
  public Instant closesAt() {
    return date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
