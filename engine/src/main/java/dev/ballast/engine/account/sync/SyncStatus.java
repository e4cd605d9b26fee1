package dev.ballast.engine.account.sync;

import dev.ballast.engine.serialization.JsonSerializable;
import java.time.Instant;

/**
 * What the API and CLI show of one account's sync: its phase ({@code syncing}, {@code idle},
 * {@code backing-off}, {@code not-connected}), the last success, the last error and when, the
 * next sync, and how many rows it has recorded.
 */
public record SyncStatus(
    String account, String kind, String phase, Instant lastSyncAt, String lastError, Instant lastErrorAt, Instant nextSyncAt,
    long recorded, String cursor) implements JsonSerializable {

  public static final String SYNCING = "syncing";
  public static final String IDLE = "idle";
  public static final String BACKING_OFF = "backing-off";
  public static final String NOT_CONNECTED = "not-connected";
}
