package dev.ballast.engine.account.sync;

import java.util.Objects;

/**
 * Where a sync stopped in a venue's history, opaque outside its adapter (a Kraken ledger offset,
 * Binance trade ids per symbol). Persisted by the sync actor, so a restart continues from it.
 */
public record SyncCursor(String value) {

  /** The start of the history: a first, full sync. */
  public static final SyncCursor START = new SyncCursor("");

  public SyncCursor {
    Objects.requireNonNull(value, "value");
  }

  public boolean isStart() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return isStart() ? "(start)" : value;
  }
}
