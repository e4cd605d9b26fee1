package dev.ballast.persistence.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.account.sync.SyncState;
import dev.ballast.engine.model.AccountId;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connection keeps its cursor and outcome across a reopen; a new kind starts from the start. */
abstract class JdbcSyncStoreContract {
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456Z");
  private static final AccountId ACC = AccountId.of("acc-1");
  @TempDir Path dir;
  private Database database;

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aConnectionKeepsItsCursorAndOutcome() {
    JdbcSyncStore store = new JdbcSyncStore(database);
    store.connect(ACC, "esplora", Map.of("address", "bc1qexample", "baseUrl", "http://127.0.0.1:1/api"), AT);
    SyncState fresh = store.load(ACC).orElseThrow();
    assertTrue(fresh.cursor().isStart());
    assertNull(fresh.nextSyncAt(), "due at once: a full sync on connect");
    long generation = fresh.generation();
    assertTrue(store.saveCursor(ACC, generation, new SyncCursor("page-2"), 10));
    assertTrue(store.saveCursor(ACC, generation, new SyncCursor("page-3"), 5));
    assertTrue(store.saveOutcome(ACC, generation, AT.plusSeconds(1), null, null, AT.plusSeconds(3600)));
    SyncState after = new JdbcSyncStore(database).load(ACC).orElseThrow();
    assertEquals(new SyncState(ACC, "esplora", Map.of("address", "bc1qexample", "baseUrl", "http://127.0.0.1:1/api"), new SyncCursor("page-3"), AT,
        AT.plusSeconds(1), null, null, AT.plusSeconds(3600), 15, generation), after);
    store.saveOutcome(ACC, generation, AT.plusSeconds(1), "unavailable: 503", AT.plusSeconds(9), AT.plusSeconds(10));
    assertEquals("unavailable: 503", store.load(ACC).orElseThrow().lastError());
    assertEquals(List.of(ACC), store.connected());

    store.connect(ACC, "esplora", Map.of("address", "bc1qexample", "baseUrl", "http://127.0.0.1:1/api"), AT);
    assertEquals("page-3", store.load(ACC).orElseThrow().cursor().value(), "the same kind and settings keep the cursor");
    store.connect(ACC, "esplora", Map.of("address", "bc1qexample", "baseUrl", "http://127.0.0.1:1/api", "rateLimit", "2/1s"), AT);
    assertEquals("page-3", store.load(ACC).orElseThrow().cursor().value(), "a new rate limit reads nothing again");
    store.connect(ACC, "esplora", Map.of("address", "bc1qother"), AT);
    assertTrue(store.load(ACC).orElseThrow().cursor().isStart(),
        "other settings (another address: its older transactions lie before the cursor) start over");
    store.saveCursor(ACC, store.load(ACC).orElseThrow().generation(), new SyncCursor("page-4"), 1);
    store.connect(ACC, "binance", Map.of(), AT);
    assertTrue(store.load(ACC).orElseThrow().cursor().isStart(), "another kind starts over");
    assertTrue(store.disconnect(ACC));
    assertFalse(store.disconnect(ACC));
    assertTrue(store.load(ACC).isEmpty());
  }

  @Test
  void aSyncOfAGenerationBeforeAResetCannotWriteItsCursorOrOutcomeOverTheResetOne() {
    JdbcSyncStore store = new JdbcSyncStore(database);
    store.connect(ACC, "esplora", Map.of("addresses", "bc1qold", "baseUrl", "http://127.0.0.1:1/api"), AT);
    long running = store.load(ACC).orElseThrow().generation();
    assertTrue(store.saveCursor(ACC, running, new SyncCursor("800000:aa"), 3));
    // the settings change while that sync runs: the cursor is reset, a new generation
    store.connect(ACC, "esplora", Map.of("addresses", "bc1qnew", "baseUrl", "http://127.0.0.1:1/api"), AT);
    SyncState reset = store.load(ACC).orElseThrow();
    assertTrue(reset.cursor().isStart());
    assertTrue(reset.generation() != running, "a reset is a new generation");
    assertFalse(store.saveCursor(ACC, running, new SyncCursor("800100:bb"), 2), "the stale sync's cursor is refused");
    assertFalse(store.saveOutcome(ACC, running, AT.plusSeconds(5), null, null, AT.plusSeconds(3600)), "and its outcome");
    SyncState after = store.load(ACC).orElseThrow();
    assertTrue(after.cursor().isStart(), "the reset cursor stands: " + after.cursor());
    assertNull(after.nextSyncAt(), "still due at once");
    assertNull(after.lastSyncAt());
    assertEquals(3, after.recorded());
    // the same settings again (or only another rate limit) keep the cursor and its generation
    assertTrue(store.saveCursor(ACC, reset.generation(), new SyncCursor("800000:cc"), 1));
    store.connect(ACC, "esplora", Map.of("addresses", "bc1qnew", "baseUrl", "http://127.0.0.1:1/api", "rateLimit", "1/1s"), AT);
    assertEquals(reset.generation(), store.load(ACC).orElseThrow().generation());
    assertTrue(store.saveCursor(ACC, reset.generation(), new SyncCursor("800001:dd"), 1));
    // disconnected and connected again: a sync of the old row cannot write into the new one
    assertTrue(store.disconnect(ACC));
    assertFalse(store.saveCursor(ACC, reset.generation(), new SyncCursor("800002:ee"), 1), "no row: refused");
    store.connect(ACC, "esplora", Map.of("addresses", "bc1qnew", "baseUrl", "http://127.0.0.1:1/api"), AT);
    assertFalse(store.saveCursor(ACC, reset.generation(), new SyncCursor("800002:ee"), 1));
    assertTrue(store.load(ACC).orElseThrow().cursor().isStart());
  }
}
