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

  /** The cursor after a page the ledger has acknowledged, and how many of its rows were new. */
  void saveCursor(AccountId account, SyncCursor cursor, long newlyRecorded);

  /**
   * The outcome of a sync: on success {@code lastSyncAt} and no error; on a failure the error
   * and when (the last success is kept). {@code nextSyncAt} either way.
   */
  void saveOutcome(AccountId account, Instant lastSyncAt, String lastError, Instant lastErrorAt, Instant nextSyncAt);
}
