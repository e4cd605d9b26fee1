package dev.ballast.persistence.readside;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.persistence.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number of slices a database's events are tagged into. It is stored at the first start and
 * checked at every later one: the tags are written into the journal with each event, so a new count
 * would leave the events already written in slices no projection reads any more.
 */
public final class SliceCount {
  private static final Logger LOG = LoggerFactory.getLogger(SliceCount.class);
  private static final String NAME = "slices";

  private SliceCount() {}

  /**
   * The count for this database: {@code configured} on its first start (stored then), the stored one
   * later. Refuses a configured count that differs from the stored one, naming both.
   *
   * <p>A journal written before there were slices (events tagged {@code account} and
   * {@code portfolio}) is tagged into the slices on the first start, and each slice's offset starts
   * where the single projection stopped, so nothing is projected twice. Needs the offset tables.
   */
  public static Slices fix(Database database, int configured) {
    Slices wanted = new Slices(configured);
    return database.inTransaction(c -> {
      Optional<Integer> stored = read(c);
      if (stored.isPresent()) {
        if (stored.get() != configured) {
          throw new IllegalStateException("ballast.read-side.slices is " + configured + ", but this database was first started with "
              + stored.get() + " slices and its events are tagged for " + stored.get()
              + "; the number of slices cannot change: set ballast.read-side.slices = " + stored.get());
        }
        return wanted;
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO read_side_settings (name, setting_value) VALUES (?, ?)")) {
        ps.setString(1, NAME);
        ps.setString(2, Integer.toString(configured));
        ps.executeUpdate();
      }
      int accounts = retag(c, AccountLedger.TAG, ReadSideProjections.ACCOUNTS, wanted);
      int portfolios = retag(c, Portfolio.TAG, ReadSideProjections.PORTFOLIOS, wanted);
      if (accounts + portfolios > 0) {
        LOG.info("tagged {} account and {} portfolio events of the journal into {} slices", accounts, portfolios, configured);
      }
      return wanted;
    });
  }

  /** The stored count, if this database was started with slices. */
  public static Optional<Slices> stored(Database database) {
    return database.inTransaction(c -> read(c).map(Slices::new));
  }

  private static Optional<Integer> read(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT setting_value FROM read_side_settings WHERE name = ?")) {
      ps.setString(1, NAME);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Integer.parseInt(rs.getString(1).trim())) : Optional.empty();
      }
    }
  }

  /** Adds the slice tag to every event that has only the tag of the time before slices. */
  private static int retag(Connection c, String prefix, String projection, Slices slices) throws SQLException {
    int tagged = 0;
    try (PreparedStatement select = c.prepareStatement("SELECT t.\"event_id\", j.\"persistence_id\" FROM \"event_tag\" t"
            + " JOIN \"event_journal\" j ON j.\"ordering\" = t.\"event_id\" WHERE t.\"tag\" = ?");
        PreparedStatement insert = c.prepareStatement("INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, ?)")) {
      select.setString(1, prefix);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          String persistenceId = rs.getString(2);
          // AccountLedger|acc-1: the entity id follows the type's separator
          String entityId = persistenceId.substring(persistenceId.indexOf('|') + 1);
          insert.setLong(1, rs.getLong(1));
          insert.setString(2, slices.tag(prefix, entityId));
          insert.addBatch();
          if (++tagged % 1000 == 0) {
            insert.executeBatch();
          }
        }
      }
      if (tagged % 1000 != 0) {
        insert.executeBatch();
      }
    }
    if (tagged > 0) {
      for (String tag : slices.tags(prefix)) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"pekko_projection_offset_store\" (\"projection_name\","
            + " \"projection_key\", \"current_offset\", \"manifest\", \"mergeable\", \"last_updated\")"
            + " SELECT \"projection_name\", ?, \"current_offset\", \"manifest\", \"mergeable\", \"last_updated\""
            + " FROM \"pekko_projection_offset_store\" WHERE \"projection_name\" = ? AND \"projection_key\" = ?")) {
          ps.setString(1, tag);
          ps.setString(2, projection);
          ps.setString(3, prefix);
          ps.executeUpdate();
        }
      }
    }
    return tagged;
  }
}
