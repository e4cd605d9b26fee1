package dev.ballast.engine.account.sync;

import dev.ballast.engine.model.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Test double of {@link SyncStore}: connections in a map; it can be told to refuse saving cursors. */
public final class InMemorySyncStore implements SyncStore {
  private final Map<AccountId, SyncState> states = new ConcurrentHashMap<>();
  /** Every cursor saved, in order. */
  public final List<String> savedCursors = java.util.Collections.synchronizedList(new ArrayList<>());

  private final java.util.concurrent.atomic.AtomicLong generations = new java.util.concurrent.atomic.AtomicLong();

  /** A new connection, or a reconnection that starts the history over: a new generation, due at once. */
  public void connect(AccountId account, String kind, Instant at) {
    states.put(account, new SyncState(account, kind, Map.of(), SyncCursor.START, at, null, null, null, null, 0, generations.incrementAndGet()));
  }

  public void disconnect(AccountId account) {
    states.remove(account);
  }

  @Override
  public Optional<SyncState> load(AccountId account) {
    return Optional.ofNullable(states.get(account));
  }

  @Override
  public List<AccountId> connected() {
    return List.copyOf(states.keySet());
  }

  @Override
  public synchronized boolean saveCursor(AccountId account, long generation, SyncCursor cursor, long newlyRecorded) {
    SyncState s = states.get(account);
    if (s == null || s.generation() != generation) {
      return false;
    }
    states.put(account, new SyncState(account, s.kind(), s.settings(), cursor, s.connectedAt(), s.lastSyncAt(), s.lastError(),
        s.lastErrorAt(), s.nextSyncAt(), s.recorded() + newlyRecorded, s.generation()));
    savedCursors.add(cursor.value());
    return true;
  }

  @Override
  public synchronized boolean saveOutcome(AccountId account, long generation, Instant lastSyncAt, String lastError, Instant lastErrorAt,
      Instant nextSyncAt) {
    SyncState s = states.get(account);
    if (s == null || s.generation() != generation) {
      return false;
    }
    states.put(account, new SyncState(account, s.kind(), s.settings(), s.cursor(), s.connectedAt(), lastSyncAt, lastError,
        lastErrorAt, nextSyncAt, s.recorded(), s.generation()));
    return true;
  }
}
