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

/** The journal-write probe stores a real journal event, and at most one per interval however often it is asked. */
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

  static long probeEvents(Database database, String node) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = ?")) {
        ps.setString(1, "JournalProbe|" + node);
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
}
