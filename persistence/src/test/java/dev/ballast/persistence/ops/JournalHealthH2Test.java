package dev.ballast.persistence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.testing.PekkoTestSystems;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal-write probe stores a real journal event, at most one per interval however often it is
 * asked, and keeps a bounded number: the events before its last snapshot are deleted, from its own
 * table, never from event_journal.
 */
class JournalHealthH2Test {
  @TempDir Path dir;
  private Database database;
  private ActorTestKit kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.shutdownTestKit();
    }
    if (database != null) {
      database.close();
    }
  }

  /** The probe's events of {@code node} in its own table (journal_probe). */
  static long probeEvents(Database database, String node) {
    return count(database, "journal_probe", node, Long.MAX_VALUE);
  }

  /** The rows of {@code node}'s probe in {@code table} below sequence number {@code below}. */
  static long count(Database database, String table, String node, long below) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"" + table + "\" WHERE \"persistence_id\" = ?"
          + " AND \"sequence_number\" < ?")) {
        ps.setString(1, "JournalProbe|" + node);
        ps.setLong(2, below);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Test
  void aProbeIsAStoredEventAndReadingsWithinTheIntervalWriteNoMore() {
    DatabaseSettings settings = TestDatabases.h2(dir.resolve("data"));
    database = Database.open(settings);
    database.migrate();
    kit = PekkoTestSystems.testKit("journal-health", settings);
    Instant t0 = Instant.parse("2026-03-02T10:00:00Z");
    java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(t0);
    // a clock that moves only when told: the interval is checked against it alone
    java.time.Clock clock = new java.time.Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    JournalHealth health = new JournalHealth(kit.system(), "node-a", Duration.ofSeconds(5), Duration.ofSeconds(10), clock);

    List<Readiness.Component> first = health.check();
    assertEquals("journal write", first.get(0).name());
    assertEquals(Readiness.Status.UP, first.get(0).status(), first.toString());
    assertTrue(first.get(0).reason().startsWith("an event stored in "), first.toString());
    // the reply comes after the journal confirmed the write: the row is there now
    assertEquals(1, probeEvents(database, "node-a"));

    health.check();
    now.set(t0.plusSeconds(9));
    health.check();
    assertEquals(1, probeEvents(database, "node-a"), "within the interval the last reading is given again");
    now.set(t0.plusSeconds(10));
    assertEquals(Readiness.Status.UP, health.check().get(0).status());
    assertEquals(2, probeEvents(database, "node-a"));
  }

  @Test
  void theProbesEventsDoNotPileUpAndARestartRecoversFromItsSnapshot() {
    DatabaseSettings settings = TestDatabases.h2(dir.resolve("data"));
    database = Database.open(settings);
    database.migrate();
    kit = PekkoTestSystems.testKit("journal-health-keep", settings);
    // a reading per check, a snapshot every 5 events
    JournalHealth health = new JournalHealth(kit.system(), "node-k", Duration.ofSeconds(30), Duration.ZERO, 5, java.time.Clock.systemUTC());
    for (int i = 0; i < 23; i++) {
      Readiness.Component c = health.check().get(0);
      assertEquals(Readiness.Status.UP, c.status(), "probe " + (i + 1) + ": " + c);
    }
    // the snapshot at 20 deletes the events up to the one before it (Pekko keeps one snapshot's worth: up to 20 - 5); the
    // plugin keeps the highest deleted one's row (marked deleted). Deletion follows the snapshot, after the reply: wait for it
    dev.ballast.persistence.testing.Eventually.await(Duration.ofSeconds(30), () -> count(database, "journal_probe", "node-k", 15) == 0,
        () -> count(database, "journal_probe", "node-k", Long.MAX_VALUE) + " probe events");
    assertEquals(9, probeEvents(database, "node-k"), "15 (kept by the plugin, marked deleted) to 23");
    assertEquals(0, count(database, "event_journal", "node-k", Long.MAX_VALUE), "nothing in the entities' journal");

    // a new node process on the same database recovers from the snapshot and goes on
    kit.shutdownTestKit();
    kit = PekkoTestSystems.testKit("journal-health-keep-2", settings);
    JournalHealth again = new JournalHealth(kit.system(), "node-k", Duration.ofSeconds(30), Duration.ZERO, 5, java.time.Clock.systemUTC());
    assertEquals(Readiness.Status.UP, again.check().get(0).status());
    assertEquals(1, count(database, "journal_probe", "node-k", Long.MAX_VALUE) - count(database, "journal_probe", "node-k", 24),
        "the next event is number 24, after the 23 before the restart");
  }
}
