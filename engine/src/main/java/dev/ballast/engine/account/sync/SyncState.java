package dev.ballast.engine.account.sync;

import dev.ballast.engine.model.AccountId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A connected account as its sync store keeps it: the venue kind and its settings (a base URL, an
 * address, symbols; never a secret), the cursor the last recorded page ended at, and the outcome of
 * the last sync. Null instants and error mean "not yet". {@code generation} changes whenever the
 * cursor is reset (other settings, a new connection): a sync that loaded another generation may not
 * write its cursor or outcome over the reset one.
 */
public record SyncState(
    AccountId account, String kind, Map<String, String> settings, SyncCursor cursor, Instant connectedAt,
    Instant lastSyncAt, String lastError, Instant lastErrorAt, Instant nextSyncAt, long recorded, long generation) {

  public SyncState(AccountId account, String kind, Map<String, String> settings, SyncCursor cursor, Instant connectedAt,
      Instant lastSyncAt, String lastError, Instant lastErrorAt, Instant nextSyncAt, long recorded) {
    this(account, kind, settings, cursor, connectedAt, lastSyncAt, lastError, lastErrorAt, nextSyncAt, recorded, 0);
  }

  public SyncState {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(kind, "kind");
    settings = Map.copyOf(settings);
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(connectedAt, "connectedAt");
  }
}
