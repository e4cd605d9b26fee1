package dev.ballast.engine.account.sync;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import java.util.Objects;

/**
 * What a venue says is held of one asset: the total, of which {@code available} can be used and
 * {@code locked} is held by open orders or pending withdrawals. A wallet has nothing locked.
 */
public record Balance(AssetId asset, Quantity total, Quantity available, Quantity locked) {

  public Balance {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(available, "available");
    Objects.requireNonNull(locked, "locked");
    if (available.signum() < 0 || locked.signum() < 0) {
      throw new IllegalArgumentException("balance of " + asset + ": available " + available + " and locked " + locked + " must not be negative");
    }
    if (total.value().compareTo(available.value().add(locked.value())) != 0) {
      throw new IllegalArgumentException("balance of " + asset + ": total " + total + " is not available " + available + " + locked " + locked);
    }
  }

  /** A balance with nothing locked. */
  public static Balance of(AssetId asset, Quantity total) {
    return new Balance(asset, total, total, Quantity.ZERO);
  }
}
