package dev.ballast.persistence.ops;

import dev.ballast.engine.ops.alerts.Alert;
import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.engine.ops.alerts.AlertSink;
import dev.ballast.engine.ops.alerts.AlertType;
import dev.ballast.persistence.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The kept alerts (ops_alerts) and the one place that raises them: a repeat of an open alert of
 * the same type and subject is grouped into it (its count and last time go up, its level to the
 * highest seen); listeners (the WebSocket topic, notifications) hear every raise.
 */
public final class AlertStore implements AlertSink {
  private static final String COLUMNS = "id, alert_type, alert_level, subject, message, first_at, last_at, repeats, read_at,"
      + " acknowledged_at, acknowledged_by";
  private final Database database;
  private final Clock clock;
  private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();

  public AlertStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public void subscribe(Consumer<Alert> listener) {
    listeners.add(listener);
  }

  @Override
  public void raise(AlertType type, AlertLevel level, String subject, String message) {
    Alert alert = save(type, level, cut(subject, 200), cut(message, 2000), clock.instant());
    for (Consumer<Alert> l : listeners) {
      try {
        l.accept(alert);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(AlertStore.class).warn("an alert listener failed: {}", e.toString());
      }
    }
  }

  /** The most tries of one raise that lost a race to another node (the same new id, or the same cause opened first). */
  private static final int MAX_TRIES = 20;

  // several nodes may raise at once: the database's unique keys (the id, the open cause) decide, and the loser tries again
  private synchronized Alert save(AlertType type, AlertLevel level, String subject, String message, Instant at) {
    for (int attempt = 1; ; attempt++) {
      try {
        Optional<Alert> saved = database.inTransaction(c -> saveOnce(c, type, level, subject, message, at));
        if (saved.isPresent()) {
          return saved.get();
        }
      } catch (dev.ballast.persistence.db.DatabaseException e) {
        if (!uniqueViolation(e) || attempt >= MAX_TRIES) {
          throw e;
        }
      }
      if (attempt >= MAX_TRIES) {
        throw new IllegalStateException("alert " + type + " " + subject + " could not be kept after " + MAX_TRIES + " tries");
      }
    }
  }

  /** The kept alert, or empty when another node acknowledged the open one in between (try again). */
  private Optional<Alert> saveOnce(Connection c, AlertType type, AlertLevel level, String subject, String message, Instant at)
      throws SQLException {
    String openKey = type.name() + "|" + subject;
    // locked: a repeat or an acknowledgement on another node waits for this one
    Optional<Alert> open = one(c, "SELECT " + COLUMNS + " FROM ops_alerts WHERE open_key = ? FOR UPDATE", openKey);
    if (open.isPresent()) {
      Alert a = open.get();
      AlertLevel highest = level.atLeast(a.level()) ? level : a.level();
      int changed;
      try (PreparedStatement ps = c.prepareStatement("UPDATE ops_alerts SET repeats = repeats + 1, last_at = ?, message = ?,"
          + " alert_level = ?, read_at = NULL WHERE id = ? AND acknowledged_at IS NULL")) {
        ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        ps.setString(2, message);
        ps.setString(3, highest.name());
        ps.setLong(4, a.id());
        changed = ps.executeUpdate();
      }
      if (changed == 0) {
        return Optional.empty();
      }
      return Optional.of(new Alert(a.id(), type, highest, subject, message, a.firstAt(), at, a.count() + 1, null, null, null));
    }
    long id;
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) + 1 FROM ops_alerts"); ResultSet rs = ps.executeQuery()) {
      rs.next();
      id = rs.getLong(1);
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ops_alerts (id, alert_type, alert_level, subject, message, first_at,"
        + " last_at, repeats, open_key) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, type.name());
      ps.setString(3, level.name());
      ps.setString(4, subject);
      ps.setString(5, message);
      ps.setObject(6, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      ps.setObject(7, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      ps.setString(8, openKey);
      ps.executeUpdate();
    }
    return Optional.of(new Alert(id, type, level, subject, message, at, at, 1, null, null, null));
  }

  private static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
          // 23505 on both H2 and PostgreSQL; 40001 a PostgreSQL serialization failure, also a lost race
          if ("23505".equals(s.getSQLState()) || "40001".equals(s.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Alerts newest first; only the open ones (not acknowledged) when {@code openOnly}, at or above {@code level}. */
  public List<Alert> list(boolean openOnly, AlertLevel level, int limit) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ops_alerts"
          + (openOnly ? " WHERE acknowledged_at IS NULL" : "") + " ORDER BY last_at DESC, id DESC")) {
        ps.setMaxRows(limit);
        List<Alert> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Alert a = read(rs);
            if (level == null || a.level().atLeast(level)) {
              out.add(a);
            }
          }
        }
        return out;
      }
    });
  }

  /**
   * A page of alerts newest first (by their last raise), the open ones only when {@code openOnly},
   * at or above {@code level} (null: all), last raised in [{@code from}, {@code to}) (either null: open),
   * with how many there are in all.
   */
  public dev.ballast.persistence.query.Page<Alert> page(boolean openOnly, AlertLevel level, Instant from, Instant to, long offset, int limit) {
    List<String> where = new ArrayList<>();
    if (openOnly) {
      where.add("acknowledged_at IS NULL");
    }
    List<String> levels = new ArrayList<>();
    for (AlertLevel l : AlertLevel.values()) {
      if (level == null || l.atLeast(level)) {
        levels.add(l.name());
      }
    }
    if (level != null) {
      where.add("alert_level IN (" + String.join(", ", levels.stream().map(l -> "?").toList()) + ")");
    }
    if (from != null) {
      where.add("last_at >= ?");
    }
    if (to != null) {
      where.add("last_at < ?");
    }
    String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return database.inTransaction(c -> {
      List<Alert> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ops_alerts" + clause
          + " ORDER BY last_at DESC, id DESC LIMIT ? OFFSET ?")) {
        int i = bindPage(ps, level == null ? List.of() : levels, from, to);
        ps.setInt(i++, limit);
        ps.setLong(i, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
      }
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ops_alerts" + clause)) {
        bindPage(ps, level == null ? List.of() : levels, from, to);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      return new dev.ballast.persistence.query.Page<>(out, offset, limit, total);
    });
  }

  private static int bindPage(PreparedStatement ps, List<String> levels, Instant from, Instant to) throws SQLException {
    int i = 1;
    for (String l : levels) {
      ps.setString(i++, l);
    }
    if (from != null) {
      ps.setObject(i++, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
    }
    if (to != null) {
      ps.setObject(i++, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
    }
    return i;
  }

  public Optional<Alert> find(long id) {
    return database.inTransaction(c -> one(c, "SELECT " + COLUMNS + " FROM ops_alerts WHERE id = ?", id));
  }

  /** Marks an alert read; empty when there is none with that id. */
  public Optional<Alert> markRead(long id) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE ops_alerts SET read_at = ? WHERE id = ? AND read_at IS NULL")) {
        ps.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        ps.setLong(2, id);
        ps.executeUpdate();
      }
      return one(c, "SELECT " + COLUMNS + " FROM ops_alerts WHERE id = ?", id);
    });
  }

  /** Acknowledges an alert (and reads it): the next raise of its cause starts a new alert. Repeating it changes nothing. */
  public Optional<Alert> acknowledge(long id, String by) {
    return database.inTransaction(c -> {
      Instant now = clock.instant();
      try (PreparedStatement ps = c.prepareStatement("UPDATE ops_alerts SET acknowledged_at = ?, acknowledged_by = ?,"
          + " read_at = COALESCE(read_at, ?), open_key = NULL WHERE id = ? AND acknowledged_at IS NULL")) {
        ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        ps.setString(2, cut(by, 100));
        ps.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        ps.setLong(4, id);
        ps.executeUpdate();
      }
      return one(c, "SELECT " + COLUMNS + " FROM ops_alerts WHERE id = ?", id);
    });
  }

  private static Optional<Alert> one(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static Alert read(ResultSet rs) throws SQLException {
    return new Alert(rs.getLong(1), AlertType.valueOf(rs.getString(2)), AlertLevel.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
        instant(rs, 6), instant(rs, 7), rs.getInt(8), instant(rs, 9), instant(rs, 10), rs.getString(11));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static String cut(String s, int max) {
    return s == null ? "" : s.length() > max ? s.substring(0, max) : s;
  }
}
