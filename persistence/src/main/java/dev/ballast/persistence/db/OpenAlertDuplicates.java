package dev.ballast.persistence.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Makes V17_7 (a unique open_key per alert cause) pass on a database that holds several open
 * alerts of one cause, which V17_3 allowed: just before V17_7 runs, the newest open alert of each
 * cause stays open and the older ones are closed, naming the alert they were merged into. V17_7's
 * own SQL stays as it is, so its checksum matches on the databases that already ran it.
 */
final class OpenAlertDuplicates implements Callback {
  static final MigrationVersion OPEN_KEY = MigrationVersion.fromVersion("17.7");
  /** Who closed an alert, in acknowledged_by (at most 100 characters there). */
  static final String CLOSED_BY = "migration 17.7: merged into alert ";

  private final Clock clock;

  OpenAlertDuplicates(Clock clock) {
    this.clock = clock;
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_EACH_MIGRATE && isOpenKey(context.getMigrationInfo());
  }

  // in V17_7's own transaction where the database has transactional DDL (PostgreSQL): closed and indexed together, or neither
  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    try {
      closeOlderOpenAlerts(context.getConnection(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  @Override
  public String getCallbackName() {
    return "ballast-open-alert-duplicates";
  }

  static boolean isOpenKey(MigrationInfo info) {
    return info != null && OPEN_KEY.equals(info.getVersion());
  }

  /** Closes every open alert that has a newer open one of the same type and subject; returns how many. */
  static int closeOlderOpenAlerts(Connection c, OffsetDateTime at) throws SQLException {
    record Open(long id, String type, String subject) {}
    List<Open> open = new ArrayList<>();
    // newest first within a cause: the last raise decides, the higher id breaks a tie
    try (PreparedStatement ps = c.prepareStatement("SELECT id, alert_type, subject FROM ops_alerts WHERE acknowledged_at IS NULL"
        + " ORDER BY alert_type, subject, last_at DESC, id DESC");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        open.add(new Open(rs.getLong(1), rs.getString(2), rs.getString(3)));
      }
    }
    int closed = 0;
    try (PreparedStatement ps = c.prepareStatement("UPDATE ops_alerts SET acknowledged_at = ?, acknowledged_by = ?,"
        + " read_at = COALESCE(read_at, ?) WHERE id = ? AND acknowledged_at IS NULL")) {
      Open kept = null;
      for (Open o : open) {
        if (kept != null && kept.type().equals(o.type()) && Objects.equals(kept.subject(), o.subject())) {
          ps.setObject(1, at);
          ps.setString(2, CLOSED_BY + kept.id());
          ps.setObject(3, at);
          ps.setLong(4, o.id());
          closed += ps.executeUpdate();
        } else {
          kept = o;
        }
      }
    }
    return closed;
  }

  /**
   * Undoes what a failed V17_7 left behind where DDL is not transactional (H2): the added column
   * stays after the index failed, and Flyway keeps a failed row that stops every later start.
   * Both go, so V17_7 runs again, this time after {@link #closeOlderOpenAlerts}.
   */
  static void undoFailedOpenKey(Connection c, String historyTable) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DROP INDEX IF EXISTS ops_alerts_open_key_idx");
      s.executeUpdate("ALTER TABLE ops_alerts DROP COLUMN IF EXISTS open_key");
    }
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM \"" + historyTable + "\" WHERE \"version\" = ? AND \"success\" = FALSE")) {
      ps.setString(1, OPEN_KEY.getVersion());
      ps.executeUpdate();
    }
  }
}
