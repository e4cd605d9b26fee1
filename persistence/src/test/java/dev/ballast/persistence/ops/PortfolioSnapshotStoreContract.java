package dev.ballast.persistence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.ops.PortfolioSnapshotStore.Row;
import dev.ballast.persistence.testing.TestBackend;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Daily portfolio snapshots: one per portfolio and day, the first write kept, exact decimals and the missing names read back. */
abstract class PortfolioSnapshotStoreContract {
  @TempDir Path dir;
  private Database database;
  private PortfolioSnapshotStore store;

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
    store = new PortfolioSnapshotStore(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aDayIsWrittenOnceAndARepeatOfItChangesNothing() {
    LocalDate day = LocalDate.of(2025, 8, 1);
    Instant at = Instant.parse("2025-08-01T16:35:00.123456Z");
    Row first = new Row("main", day, "JPY", new BigDecimal("1234567.89123456789"), new BigDecimal("-1000.5"), 1,
        List.of("BTC: no close on or before 2025-08-01"), "portfolio-snapshots@2025-08-01T16:35:00Z", at);
    assertTrue(store.record(first));
    Row again = new Row("main", day, "JPY", new BigDecimal("9"), BigDecimal.ZERO, 0, List.of(), "portfolio-snapshots@other", at.plusSeconds(5));
    assertFalse(store.record(again), "the day already has its snapshot");
    assertEquals(first, store.find("main", day).orElseThrow());
    assertFalse(store.find("main", day).orElseThrow().complete());

    Row next = new Row("main", day.plusDays(1), "JPY", new BigDecimal("10"), BigDecimal.ZERO, 0, List.of(), "r2", at.plusSeconds(86_400));
    assertTrue(store.record(next));
    assertTrue(store.record(new Row("side", day, "USD", BigDecimal.ONE, BigDecimal.ZERO, 0, List.of(), "r1", at)));
    assertEquals(List.of(first, next), store.list("main", day, day.plusDays(1)));
    assertEquals(List.of(next), store.list("main", day.plusDays(1), day.plusDays(9)));
    assertTrue(next.complete());
  }

  @Test
  void aLongListOfMissingHoldingsIsCutButStillSaysHowManyMore() {
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      missing.add("ASSET" + i + ": no close on or before 2025-08-01");
    }
    assertTrue(store.record(new Row("main", LocalDate.of(2025, 8, 1), "JPY", BigDecimal.ONE, BigDecimal.ZERO, 0, missing, "r", Instant.EPOCH)));
    List<String> back = store.find("main", LocalDate.of(2025, 8, 1)).orElseThrow().missing();
    String last = back.get(back.size() - 1);
    int kept = back.size() - 1;
    assertEquals("... and " + (400 - kept) + " more", last);
    assertEquals(missing.subList(0, kept), back.subList(0, kept));
  }

  @Test
  void anIncompleteSnapshotIsRefilledOnceAndItsEarlierFiguresAreKept() {
    LocalDate day = LocalDate.of(2025, 8, 1);
    Instant at = Instant.parse("2025-08-01T16:35:00Z");
    Row incomplete = new Row("main", day, "USD", new BigDecimal("9000"), BigDecimal.ZERO, 0, List.of("SYN2 in other: no close"), "r1", at);
    assertTrue(store.record(incomplete));
    Row same = new Row("main", day, "USD", new BigDecimal("9000.00"), BigDecimal.ZERO, 0, List.of("SYN2 in other: no close"), "r2",
        at.plusSeconds(60));
    assertFalse(store.refill(incomplete, same), "the same figures are no refill");
    assertEquals(incomplete, store.find("main", day).orElseThrow());
    assertEquals(List.of(), store.revisions("main", day, day));

    Row complete = new Row("main", day, "USD", new BigDecimal("10500.25"), BigDecimal.ZERO, 0, List.of(), "r3", at.plusSeconds(86_400));
    assertTrue(store.refill(incomplete, complete));
    Row now = store.find("main", day).orElseThrow();
    assertEquals(new Row("main", day, "USD", new BigDecimal("10500.25"), BigDecimal.ZERO, 0, List.of(), "r3", at.plusSeconds(86_400), 1), now);
    assertEquals(List.of(new PortfolioSnapshotStore.Revision(incomplete, "r3", at.plusSeconds(86_400))), store.revisions("main", day, day));

    // a second refill from the row as first read (a writer that lost the race) writes nothing
    Row other = new Row("main", day, "USD", new BigDecimal("1"), BigDecimal.ZERO, 0, List.of(), "r4", at.plusSeconds(90_000));
    assertFalse(store.refill(incomplete, other));
    assertEquals(now, store.find("main", day).orElseThrow());
    assertEquals(1, store.revisions("main", day, day).size());
    // and a complete snapshot is never refilled
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> store.refill(now, other));
  }
}
