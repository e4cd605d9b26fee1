package dev.ballast.persistence.auth;

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

/** Users, their refresh tokens (as hashes) and the log of authentication events. */
public final class UserRepository {
  /** A stored user: name, role, bcrypt hash of the password. */
  public record StoredUser(String name, String role, String passwordHash, Instant createdAt, Instant changedAt) {}

  /** A refresh token as stored: only its hash, whose it is and until when. */
  public record StoredRefresh(String tokenHash, String userName, Instant expiresAt) {}

  /** One line of the authentication log. */
  public record AuthEvent(long seq, Instant at, String kind, String userName, String actor, String detail) {}

  private final Database database;

  public UserRepository(Database database) {
    this.database = database;
  }

  /**
   * Makes the first user, an admin, and gives them the bootstrap API token {@code tokenId}: from
   * then on it is that admin's personal token (their role of the moment, gone with them). False,
   * with nothing changed, when any user exists or the token is already someone's.
   */
  public boolean bootstrap(StoredUser admin, String tokenId, String personalRole, AuthEvent event) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) > 0) {
          return false;
        }
      }
      int taken;
      try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET user_name = ?, role = ? WHERE token_id = ? AND user_name IS NULL")) {
        ps.setString(1, admin.name());
        ps.setString(2, personalRole);
        ps.setString(3, tokenId);
        taken = ps.executeUpdate();
      }
      if (taken != 1) {
        c.rollback();
        return false;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO users (user_name, role, password_hash, created_at, changed_at) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, admin.name());
        ps.setString(2, admin.role());
        ps.setString(3, admin.passwordHash());
        Sql.setInstant(ps, 4, admin.createdAt());
        Sql.setInstant(ps, 5, admin.changedAt());
        ps.executeUpdate();
      }
      log(c, event);
      return true;
    });
  }

  /** Adds a user; false when the name is taken (nothing changed). */
  public boolean add(StoredUser user, AuthEvent event) {
    return database.inTransaction(c -> {
      if (find(c, user.name()).isPresent()) {
        return false;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO users (user_name, role, password_hash, created_at, changed_at) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, user.name());
        ps.setString(2, user.role());
        ps.setString(3, user.passwordHash());
        Sql.setInstant(ps, 4, user.createdAt());
        Sql.setInstant(ps, 5, user.changedAt());
        ps.executeUpdate();
      }
      log(c, event);
      return true;
    });
  }

  public Optional<StoredUser> find(String name) {
    return database.inTransaction(c -> find(c, name));
  }

  public List<StoredUser> all() {
    return database.inTransaction(c -> {
      List<StoredUser> users = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users ORDER BY user_name"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          users.add(user(rs));
        }
      }
      return users;
    });
  }

  public long count() {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** Removes a user with every refresh token and personal API token of theirs; false when there was no such user. */
  public boolean remove(String name, AuthEvent event) {
    return database.inTransaction(c -> {
      int removed;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE user_name = ?")) {
        ps.setString(1, name);
        removed = ps.executeUpdate();
      }
      if (removed == 0) {
        return false;
      }
      revokeAll(c, name);
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_tokens WHERE user_name = ?")) {
        ps.setString(1, name);
        ps.executeUpdate();
      }
      // a name given again later must not find the portfolios of the user who had it
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM portfolio_access WHERE user_name = ?")) {
        ps.setString(1, name);
        ps.executeUpdate();
      }
      log(c, event);
      return true;
    });
  }

  /** Sets a new password hash and ends every session of the user; false when there is no such user. */
  public boolean changePassword(String name, String passwordHash, Instant at, AuthEvent event) {
    return changeAndEndSessions("password_hash", passwordHash, name, at, event);
  }

  /** Sets a new role and ends every session of the user (their access tokens carry the old role); false when there is no such user. */
  public boolean changeRole(String name, String role, Instant at, AuthEvent event) {
    return changeAndEndSessions("role", role, name, at, event);
  }

  /** One column of a user changed, their sessions ended and the event logged, in one transaction. */
  private boolean changeAndEndSessions(String column, String value, String name, Instant at, AuthEvent event) {
    return database.inTransaction(c -> {
      int changed;
      // column is one of this class's own constants, never input
      try (PreparedStatement ps = c.prepareStatement("UPDATE users SET " + column + " = ?, changed_at = ? WHERE user_name = ?")) {
        ps.setString(1, value);
        Sql.setInstant(ps, 2, at);
        ps.setString(3, name);
        changed = ps.executeUpdate();
      }
      if (changed == 0) {
        return false;
      }
      revokeAll(c, name);
      log(c, event);
      return true;
    });
  }

  public void saveRefresh(StoredRefresh refresh) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO refresh_tokens (token_hash, user_name, expires_at, created_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, refresh.tokenHash());
        ps.setString(2, refresh.userName());
        Sql.setInstant(ps, 3, refresh.expiresAt());
        Sql.setInstant(ps, 4, Instant.now());
        return ps.executeUpdate();
      }
    });
  }

  /**
   * Takes a refresh token out of the store: it is found and deleted in one transaction, so two
   * requests with one token cannot both get a new one.
   */
  public Optional<StoredRefresh> takeRefresh(String tokenHash) {
    return database.inTransaction(c -> {
      Optional<StoredRefresh> found = Optional.empty();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM refresh_tokens WHERE token_hash = ?")) {
        ps.setString(1, tokenHash);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            found = Optional.of(new StoredRefresh(rs.getString("token_hash"), rs.getString("user_name"), Sql.getInstant(rs, "expires_at")));
          }
        }
      }
      if (found.isEmpty()) {
        return found;
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM refresh_tokens WHERE token_hash = ?")) {
        ps.setString(1, tokenHash);
        // another transaction took it between our read and our delete: it is not ours to use
        if (ps.executeUpdate() == 0) {
          return Optional.empty();
        }
      }
      return found;
    });
  }

  public void log(AuthEvent event) {
    database.inTransaction(c -> {
      log(c, event);
      return null;
    });
  }

  /**
   * A page of the events at or after {@code from} and before {@code to} (either null: open), newest
   * first, with how many match in all.
   */
  public dev.ballast.persistence.query.Page<AuthEvent> events(Instant from, Instant to, long offset, int limit) {
    StringBuilder where = new StringBuilder();
    if (from != null) {
      where.append(" WHERE at >= ?");
    }
    if (to != null) {
      where.append(from == null ? " WHERE" : " AND").append(" at < ?");
    }
    return database.inTransaction(c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM auth_events" + where)) {
        bindRange(ps, from, to);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<AuthEvent> events = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM auth_events" + where + " ORDER BY seq DESC LIMIT ? OFFSET ?")) {
        int next = bindRange(ps, from, to);
        ps.setInt(next, limit);
        ps.setLong(next + 1, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            events.add(new AuthEvent(rs.getLong("seq"), Sql.getInstant(rs, "at"), rs.getString("kind"), rs.getString("user_name"),
                rs.getString("actor"), rs.getString("detail")));
          }
        }
      }
      return new dev.ballast.persistence.query.Page<>(events, offset, limit, total);
    });
  }

  /** Binds the range's bounds that are there; the index of the next parameter. */
  private static int bindRange(PreparedStatement ps, Instant from, Instant to) throws SQLException {
    int i = 1;
    if (from != null) {
      Sql.setInstant(ps, i++, from);
    }
    if (to != null) {
      Sql.setInstant(ps, i++, to);
    }
    return i;
  }

  /** The newest events first, at most {@code limit}. */
  public List<AuthEvent> events(int limit) {
    return database.inTransaction(c -> {
      List<AuthEvent> events = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM auth_events ORDER BY seq DESC")) {
        ps.setMaxRows(limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            events.add(new AuthEvent(rs.getLong("seq"), Sql.getInstant(rs, "at"), rs.getString("kind"), rs.getString("user_name"),
                rs.getString("actor"), rs.getString("detail")));
          }
        }
      }
      return events;
    });
  }

  private static void revokeAll(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM refresh_tokens WHERE user_name = ?")) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
  }

  static void log(Connection c, AuthEvent event) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_events (at, kind, user_name, actor, detail) VALUES (?, ?, ?, ?, ?)")) {
      Sql.setInstant(ps, 1, event.at());
      ps.setString(2, event.kind());
      ps.setString(3, event.userName());
      ps.setString(4, event.actor());
      ps.setString(5, event.detail().length() > 500 ? event.detail().substring(0, 500) : event.detail());
      ps.executeUpdate();
    }
  }

  private static Optional<StoredUser> find(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE user_name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(user(rs)) : Optional.empty();
      }
    }
  }

  private static StoredUser user(ResultSet rs) throws SQLException {
    return new StoredUser(rs.getString("user_name"), rs.getString("role"), rs.getString("password_hash"),
        Sql.getInstant(rs, "created_at"), Sql.getInstant(rs, "changed_at"));
  }
}
