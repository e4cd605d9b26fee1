package dev.ballast.persistence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.readside.ReadSideProjections;
import dev.ballast.persistence.readside.SliceStatus;
import dev.ballast.persistence.testing.PekkoTestSystems;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-side lag per projection, from the journal rows of each slice after its committed offset
 * (the offset table's, or the slice's own when that is further): counted, the oldest one's age, and
 * degraded past the threshold.
 */
abstract class ReadSideLagHealthContract {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  @TempDir Path dir;
  private Database database;
  private ActorTestKit kit;

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    DatabaseSettings settings = backend().newDatabase(dir);
    database = Database.open(settings);
    database.migrate();
    kit = PekkoTestSystems.testKit("lag-health", settings);
    ReadSideProjections.createOffsetTables(kit.system(), database);
  }

  @AfterEach
  void close() {
    kit.shutdownTestKit();
    database.close();
  }

  private void event(long ordering, String tag, Instant written) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"event_journal\" (\"ordering\", \"deleted\", \"persistence_id\","
          + " \"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", \"event_payload\", \"event_ser_id\","
          + " \"event_ser_manifest\") VALUES (?, FALSE, ?, ?, 'w', ?, '', ?, 1, 'm')")) {
        ps.setLong(1, ordering);
        ps.setString(2, "Entity|" + ordering);
        ps.setLong(3, 1);
        ps.setLong(4, written.toEpochMilli());
        ps.setBytes(5, new byte[] {1});
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, ?)")) {
        ps.setLong(1, ordering);
        ps.setString(2, tag);
        ps.executeUpdate();
      }
      return null;
    });
  }

  private void committed(String projection, String tag, long offset) {
    database.inTransaction(c -> {
      try (PreparedStatement del = c.prepareStatement(
          "DELETE FROM \"pekko_projection_offset_store\" WHERE \"projection_name\" = ? AND \"projection_key\" = ?")) {
        del.setString(1, projection);
        del.setString(2, tag);
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"pekko_projection_offset_store\" (\"projection_name\","
          + " \"projection_key\", \"current_offset\", \"manifest\", \"mergeable\", \"last_updated\") VALUES (?, ?, ?, 'SEQ', FALSE, 0)")) {
        ps.setString(1, projection);
        ps.setString(2, tag);
        ps.setString(3, String.valueOf(offset));
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Test
  void eachProjectionCountsItsSlicesEventsAfterTheirOffsetsAndIsDegradedWhenTheOldestIsTooOld() {
    event(1, "account-0", NOW.minusSeconds(120));
    event(2, "account-0", NOW.minusSeconds(120));
    event(3, "account-1", NOW.minusSeconds(120));
    event(4, "account-0", NOW.minusSeconds(5));
    event(5, "account-0", NOW.minusSeconds(4));
    event(6, "portfolio-0", NOW.minusSeconds(300));
    committed("accounts", "account-0", 2);
    committed("portfolios", "portfolio-0", 6);
    // account-1 has committed nothing to the table yet, but its slice has reached 3 since this start
    List<SliceStatus> slices = List.of(new SliceStatus("accounts", "account-0", SliceStatus.State.RUNNING, 0, null),
        new SliceStatus("accounts", "account-1", SliceStatus.State.RUNNING, 3, null),
        new SliceStatus("portfolios", "portfolio-0", SliceStatus.State.RUNNING, 0, null));
    ReadSideLagHealth health = new ReadSideLagHealth(database, () -> slices, Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC));

    assertEquals(List.of(new ReadSideLagHealth.Lag("accounts", 2, false, NOW.minusSeconds(5)),
        new ReadSideLagHealth.Lag("portfolios", 0, false, null)), health.lags());
    assertEquals(List.of(new Readiness.Component("read-side lag accounts", Readiness.Status.UP,
            "2 events behind, the oldest written 5000 ms ago"),
        new Readiness.Component("read-side lag portfolios", Readiness.Status.UP, "caught up")), health.check());

    // the accounts slice 0 goes back to offset 1 (a rebuild): three events behind, the oldest two minutes old
    committed("accounts", "account-0", 1);
    assertEquals(new Readiness.Component("read-side lag accounts", Readiness.Status.DEGRADED,
        "3 events behind, the oldest written 120000 ms ago"), health.check().get(0));
  }

  @Test
  void aSliceRunningOnAnotherNodeIsCountedFromTheOffsetStore() {
    event(1, "account-0", NOW.minusSeconds(10));
    event(2, "account-1", NOW.minusSeconds(120));
    event(3, "account-1", NOW.minusSeconds(90));
    event(4, "account-1", NOW.minusSeconds(3));
    event(5, "portfolio-1", NOW.minusSeconds(200));
    committed("accounts", "account-0", 1);
    // account-1 and portfolio-1 run on another node, which committed up to 2 and 5
    committed("accounts", "account-1", 2);
    committed("portfolios", "portfolio-1", 5);
    // this node runs account-0 alone
    List<SliceStatus> here = List.of(new SliceStatus("accounts", "account-0", SliceStatus.State.RUNNING, 1, null));
    ReadSideLagHealth health = new ReadSideLagHealth(database, () -> here, Duration.ofSeconds(60), Clock.fixed(NOW, ZoneOffset.UTC));

    assertEquals(List.of(
        new ReadSideLagHealth.SliceLag("accounts", "account-0", 1, 0, false, null, true),
        new ReadSideLagHealth.SliceLag("accounts", "account-1", 2, 2, false, NOW.minusSeconds(90), false),
        new ReadSideLagHealth.SliceLag("portfolios", "portfolio-1", 5, 0, false, null, false)), health.slices());
    assertEquals(List.of(new Readiness.Component("read-side lag accounts", Readiness.Status.DEGRADED,
            "2 events behind, the oldest written 90000 ms ago"),
        new Readiness.Component("read-side lag portfolios", Readiness.Status.UP, "caught up")), health.check(),
        "the other node's slice is behind; this node's is not");

    // the other node catches up
    committed("accounts", "account-1", 4);
    assertEquals(new Readiness.Component("read-side lag accounts", Readiness.Status.UP, "caught up"), health.check().get(0));
  }
}
