package dev.ballast.engine.backtest;

import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One daily bar of an asset, priced in the backtest's currency, as it traded that day (not adjusted).
 *
 * @param adjustedClose the close adjusted for later splits and dividends, where the source gives one (null: none); the
 *     momentum and regime policies read it as they do live, fills and values never do
 */
public record Bar(LocalDate date, AssetId asset, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal adjustedClose) {

  public Bar(LocalDate date, AssetId asset, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {
    this(date, asset, open, high, low, close, null);
  }

  /** The close a policy's history holds: the adjusted one where there is one, as the live gatherer reads it. */
  public BigDecimal historyClose() {
    return adjustedClose != null ? adjustedClose : close;
  }

  public Bar {
    if (adjustedClose != null && adjustedClose.signum() <= 0) {
      throw new IllegalArgumentException("bar " + asset + " " + date + ": the adjusted close must be greater than zero");
    }
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
