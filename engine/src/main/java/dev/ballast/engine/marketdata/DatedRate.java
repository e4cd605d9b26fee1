package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A rate as of a date: one unit of {@code base} in {@code quote} (an FX rate, or the close of an
 * asset in its quote currency), and the date it was observed, which may be before the date asked.
 */
public record DatedRate(AssetId base, AssetId quote, LocalDate date, BigDecimal rate) {
  public DatedRate {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(quote, "quote");
    Objects.requireNonNull(date, "date");
    if (rate == null || rate.signum() <= 0) {
      throw new IllegalArgumentException("rate " + base + "/" + quote + " on " + date + ": must be greater than zero, got " + rate);
    }
  }

  public FxRate fxRate() {
    return new FxRate(base, quote, rate);
  }
}
