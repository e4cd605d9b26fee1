package dev.ballast.persistence.ops;

import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-user alert subscriptions (ops_subscriptions): a user's webhook URL or e-mail addresses and
 * the lowest level they get. Never a secret: a webhook's signing secret is sealed in the vault.
 */
public final class SubscriptionStore {
  /** How an alert reaches the user. */
  public enum Channel { WEBHOOK, EMAIL }

  /** One subscription; {@code target} is the webhook URL, or the e-mail addresses separated by commas. */
  public record Row(String user, String name, Channel channel, AlertLevel minLevel, String target, Instant updatedAt) {}

  private static final String COLUMNS = "user_name, name, channel, min_level, target, updated_at";
  private final Database database;

  public SubscriptionStore(Database database) {
    this.database = database;
  }

  /** Creates or replaces a user's subscription of that name; true when it was new. */
  public boolean put(Row row) {
    return database.inTransaction(c -> {
      boolean existed = find(c, row.user(), row.name()).isPresent();
      if (existed) {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE ops_subscriptions SET channel = ?, min_level = ?, target = ?, updated_at = ? WHERE user_name = ? AND name = ?")) {
          ps.setString(1, row.channel().name());
          ps.setString(2, row.minLevel().name());
          ps.setString(3, row.target());
          Sql.setInstant(ps, 4, row.updatedAt());
          ps.setString(5, row.user());
          ps.setString(6, row.name());
          ps.executeUpdate();
        }
      } else {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ops_subscriptions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, row.user());
          ps.setString(2, row.name());
          ps.setString(3, row.channel().name());
          ps.setString(4, row.minLevel().name());
          ps.setString(5, row.target());
          Sql.setInstant(ps, 6, row.updatedAt());
          ps.executeUpdate();
        }
      }
      return !existed;
    });
  }

  public Optional<Row> find(String user, String name) {
    return database.inTransaction(c -> find(c, user, name));
  }

  /** A user's subscriptions by name, or everyone's (by user, then name) when {@code user} is null. */
  public List<Row> list(String user) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ops_subscriptions"
          + (user == null ? "" : " WHERE user_name = ?") + " ORDER BY user_name, name")) {
        if (user != null) {
          ps.setString(1, user);
        }
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
        return out;
      }
    });
  }

  /** Removes a subscription; false when there was none. */
  public boolean delete(String user, String name) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM ops_subscriptions WHERE user_name = ? AND name = ?")) {
        ps.setString(1, user);
        ps.setString(2, name);
        return ps.executeUpdate() > 0;
      }
    });
  }

  private static Optional<Row> find(Connection c, String user, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ops_subscriptions WHERE user_name = ? AND name = ?")) {
      ps.setString(1, user);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static Row read(ResultSet rs) throws SQLException {
    return new Row(rs.getString("user_name"), rs.getString("name"), Channel.valueOf(rs.getString("channel")),
        AlertLevel.valueOf(rs.getString("min_level")), rs.getString("target"), Sql.getInstant(rs, "updated_at"));
  }
}
