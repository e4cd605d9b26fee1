package dev.ballast.engine.backtest;

import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** One daily bar of an asset, priced in the backtest's currency. */
public record Bar(LocalDate date, AssetId asset, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {
  public Bar {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(asset, "asset");
    for (BigDecimal p : new BigDecimal[] {open, high, low, close}) {
      if (p == null || p.signum() <= 0) {
        throw new IllegalArgumentException("bar " + asset + " " + date + ": every price must be greater than zero");
      }
    }
    if (high.compareTo(low) < 0 || high.compareTo(open) < 0 || high.compareTo(close) < 0 || low.compareTo(open) > 0
        || low.compareTo(close) > 0) {
      throw new IllegalArgumentException("bar " + asset + " " + date + ": high must be the highest and low the lowest price");
    }
  }

  /** A bar of one price (a close-only series). */
  public static Bar flat(LocalDate date, AssetId asset, BigDecimal price) {
    return new Bar(date, asset, price, price, price, price);
  }
}
