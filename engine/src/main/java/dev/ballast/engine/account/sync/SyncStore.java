package dev.ballast.engine.account.sync;

import dev.ballast.engine.model.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where the sync actors keep their connections, cursors and outcomes (a table; blocking calls, run off the actor). */
public interface SyncStore {

  Optional<SyncState> load(AccountId account);

  /** The accounts that are connected, to start their actors when the server starts. */
  List<AccountId> connected();

  /**
   * The cursor after a page the ledger has acknowledged, and how many of its rows were new; refused
   * (false) when the connection is no longer of {@code generation} (its cursor was reset, or it was
   * removed, while the sync ran): the stale sync's cursor is not written over the reset one.
   */
  boolean saveCursor(AccountId account, long generation, SyncCursor cursor, long newlyRecorded);

  /**
   * The outcome of a sync: on success {@code lastSyncAt} and no error; on a failure the error
   * and when (the last success is kept). {@code nextSyncAt} either way. Refused (false) as
   * {@link #saveCursor} is, when the connection is of another generation now.
   */
  boolean saveOutcome(AccountId account, long generation, Instant lastSyncAt, String lastError, Instant lastErrorAt, Instant nextSyncAt);
}
