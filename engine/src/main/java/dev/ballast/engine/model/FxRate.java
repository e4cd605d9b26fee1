package dev.ballast.engine.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How much one unit of {@code base} is worth in {@code quote}: a rate that names its currencies,
 * so that it cannot be applied the wrong way round (docs/ledger.md#currency-conversion).
 *
 * @param rate exact, greater than zero; kept as given (no rounding, no change of scale)
 */
public record FxRate(AssetId base, AssetId quote, BigDecimal rate) {

  public FxRate {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(quote, "quote");
    Objects.requireNonNull(rate, "rate");
    if (rate.signum() <= 0) {
      throw new IllegalArgumentException("fxRate " + base + "/" + quote + ": must be greater than zero, got " + rate.toPlainString());
    }
  }

  @Override
  public String toString() {
    return "1 " + base + " = " + rate.toPlainString() + " " + quote;
  }
}
