package dev.ballast.persistence.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.model.Slices;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.testing.PekkoTestSystems;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slice count is fixed at the first start; a journal from before slices is tagged into them. */
abstract class SliceCountContract {
  @TempDir Path dir;
  private Database database;
  private ActorTestKit kit;

  abstract TestBackend backend();

  @BeforeEach
  void start() {
    DatabaseSettings settings = backend().newDatabase(dir);
    database = Database.open(settings);
    database.migrate();
    kit = PekkoTestSystems.testKit("slices", settings);
    ReadSideProjections.createOffsetTables(kit.system(), database);
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
    database.close();
  }

  @Test
  void theFirstStartStoresTheCountAndALaterStartWithAnotherOneIsRefused() {
    assertEquals(Optional.empty(), SliceCount.stored(database));
    assertEquals(new Slices(4), SliceCount.fix(database, 4));
    assertEquals(Optional.of(new Slices(4)), SliceCount.stored(database));
    assertEquals(new Slices(4), SliceCount.fix(database, 4), "the same count starts again");

    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SliceCount.fix(database, 8));
    assertTrue(refused.getMessage().contains("ballast.read-side.slices is 8"), refused.getMessage());
    assertTrue(refused.getMessage().contains("set ballast.read-side.slices = 4"), refused.getMessage());
    assertEquals(Optional.of(new Slices(4)), SliceCount.stored(database), "a refused start changes nothing");
  }

  @Test
  void aJournalFromBeforeSlicesIsTaggedIntoThemAndEachSliceStartsWhereTheSingleProjectionStopped() {
    long a1 = journal("AccountLedger|acc-1", 1, "account");
    long a2 = journal("AccountLedger|acc-2", 1, "account");
    long p1 = journal("Portfolio|pf-1", 1, "portfolio");
    long a3 = journal("AccountLedger|acc-1", 2, "account");
    // the single accounts projection had processed the first two account events
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"pekko_projection_offset_store\" (\"projection_name\","
          + " \"projection_key\", \"current_offset\", \"manifest\", \"mergeable\", \"last_updated\") VALUES (?, ?, ?, 'SEQ', FALSE, 0)")) {
        ps.setString(1, ReadSideProjections.ACCOUNTS);
        ps.setString(2, "account");
        ps.setString(3, Long.toString(a2));
        ps.executeUpdate();
      }
      return null;
    });

    Slices slices = SliceCount.fix(database, 4);

    Map<Long, List<String>> tags = tags();
    assertEquals(List.of("account", slices.tag("account", "acc-1")), tags.get(a1));
    assertEquals(List.of("account", slices.tag("account", "acc-2")), tags.get(a2));
    assertEquals(List.of("portfolio", slices.tag("portfolio", "pf-1")), tags.get(p1));
    assertEquals(List.of("account", slices.tag("account", "acc-1")), tags.get(a3));
    Map<String, Long> offsets = ReadSideLag.offsets(database);
    for (String tag : slices.tags("account")) {
      assertEquals(a2, offsets.get(tag), tag);
    }
    assertEquals(null, offsets.get(slices.tag("portfolio", "pf-1")), "the portfolios projection had processed nothing");

    // a second start tags nothing twice
    SliceCount.fix(database, 4);
    assertEquals(tags, tags());
  }

  private long journal(String persistenceId, long sequenceNr, String tag) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"event_journal\" (\"persistence_id\", \"sequence_number\","
          + " \"writer\", \"write_timestamp\", \"adapter_manifest\", \"event_payload\", \"event_ser_id\", \"event_ser_manifest\")"
          + " VALUES (?, ?, 'w', 0, '', ?, 33, 'm')")) {
        ps.setString(1, persistenceId);
        ps.setLong(2, sequenceNr);
        ps.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
        ps.executeUpdate();
      }
      long ordering;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT \"ordering\" FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?")) {
        ps.setString(1, persistenceId);
        ps.setLong(2, sequenceNr);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          ordering = rs.getLong(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, ?)")) {
        ps.setLong(1, ordering);
        ps.setString(2, tag);
        ps.executeUpdate();
      }
      return ordering;
    });
  }

  private Map<Long, List<String>> tags() {
    return database.inTransaction(c -> {
      Map<Long, List<String>> out = new TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT \"event_id\", \"tag\" FROM \"event_tag\" ORDER BY \"event_id\", \"tag\"");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
        }
      }
      return out;
    });
  }
}
