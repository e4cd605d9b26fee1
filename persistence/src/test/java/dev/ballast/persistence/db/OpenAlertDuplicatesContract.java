package dev.ballast.persistence.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ballast.engine.ops.alerts.Alert;
import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.engine.ops.alerts.AlertType;
import dev.ballast.persistence.ops.AlertStore;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that holds two or more open alerts of one cause (V17_3 allowed it) migrates past
 * V17_7's unique open key: the newest stays open, the older are closed naming it; and a database
 * where V17_7 already failed on such alerts (before this fix) migrates on its next start.
 */
abstract class OpenAlertDuplicatesContract {
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  @TempDir Path dir;

  abstract TestBackend backend();

  @Test
  void duplicateOpenAlertsBeforeV17_7AreClosedIntoTheNewestAndTheMigrationSucceeds() {
    try (Database database = Database.open(backend().newDatabase(dir))) {
      database.migrate(MigrationVersion.fromVersion("17.6"));
      insertDuplicates(database);

      database.migrate();

      assertMerged(database);
    }
  }

  @Test
  void aDatabaseWhereV17_7FailedOnDuplicatesMigratesOnTheNextStart() {
    try (Database database = Database.open(backend().newDatabase(dir))) {
      database.migrate(MigrationVersion.fromVersion("17.6"));
      insertDuplicates(database);
      // the release before this fix: V17_7 meets the duplicates and fails (on H2 it leaves its column and a failed row behind)
      assertThrows(FlywayException.class, () -> database.flyway(null, false).load().migrate());

      database.migrate();

      assertMerged(database);
      assertEquals(0, MigrationContract.count(database,
          "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = FALSE"), "no failed migration left");
    }
  }

  /** Cause A open three times (ids 1..3, newest last_at at id 2), A once acknowledged, cause B open once. */
  private static void insertDuplicates(Database database) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO ops_alerts (id, alert_type, alert_level, subject, message,"
          + " first_at, last_at, repeats, acknowledged_at, acknowledged_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        row(ps, 1, "DATA_REFRESH_FAILED", "prices", 0, 60, 3, null);
        row(ps, 2, "DATA_REFRESH_FAILED", "prices", 10, 120, 2, null);
        row(ps, 3, "DATA_REFRESH_FAILED", "prices", 20, 90, 1, null);
        row(ps, 4, "DATA_REFRESH_FAILED", "prices", -100, -50, 1, "alice");
        row(ps, 5, "HEALTH_CHECK_FAILED", "database", 0, 30, 1, null);
      }
      return null;
    });
  }

  private static void row(PreparedStatement ps, long id, String type, String subject, long firstMinutes, long lastMinutes, int repeats,
      String acknowledgedBy) throws java.sql.SQLException {
    ps.setLong(1, id);
    ps.setString(2, type);
    ps.setString(3, "WARNING");
    ps.setString(4, subject);
    ps.setString(5, type + " " + id);
    ps.setObject(6, OffsetDateTime.ofInstant(T0.plusSeconds(60 * firstMinutes), ZoneOffset.UTC));
    ps.setObject(7, OffsetDateTime.ofInstant(T0.plusSeconds(60 * lastMinutes), ZoneOffset.UTC));
    ps.setInt(8, repeats);
    ps.setObject(9, acknowledgedBy == null ? null : OffsetDateTime.ofInstant(T0.minusSeconds(60 * 40), ZoneOffset.UTC));
    ps.setString(10, acknowledgedBy);
    ps.executeUpdate();
  }

  private static void assertMerged(Database database) {
    assertEquals(1, MigrationContract.count(database,
        "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '17.7' AND \"success\" = TRUE"), "V17.7 applied");
    assertEquals(0, database.migrate(), "nothing left to apply");
    AlertStore alerts = new AlertStore(database, Clock.fixed(T0.plusSeconds(3600 * 5), ZoneOffset.UTC));
    Map<Long, Alert> byId = new TreeMap<>();
    alerts.list(false, null, 100).forEach(a -> byId.put(a.id(), a));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), List.copyOf(byId.keySet()));
    assertNull(byId.get(2L).acknowledgedAt(), "the newest open alert of the cause stays open");
    assertNull(byId.get(5L).acknowledgedAt(), "the only open alert of another cause stays open");
    for (long older : List.of(1L, 3L)) {
      Alert closed = byId.get(older);
      assertNotNull(closed.acknowledgedAt(), "alert " + older + " closed");
      assertEquals("migration 17.7: merged into alert 2", closed.acknowledgedBy());
      assertNotNull(closed.readAt());
    }
    assertEquals("alice", byId.get(4L).acknowledgedBy(), "an acknowledged alert is left as it was");
    assertEquals(2, MigrationContract.count(database, "SELECT COUNT(*) FROM ops_alerts WHERE open_key IS NOT NULL"));

    // the next raise of the cause groups into the one left open, through the unique key
    alerts.raise(AlertType.DATA_REFRESH_FAILED, AlertLevel.WARNING, "prices", "still failing");
    Alert grouped = alerts.find(2).orElseThrow();
    assertEquals(3, grouped.count());
    assertEquals("still failing", grouped.message());
    assertEquals(5, alerts.list(false, null, 100).size(), "no new alert");
  }
}
