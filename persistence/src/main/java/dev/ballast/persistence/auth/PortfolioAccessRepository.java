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

/** Owners of portfolios and the users they are shared with read-only; every change is an auth event in the same transaction. */
public final class PortfolioAccessRepository {
  /** What a user may do with a portfolio. OPEN: the portfolio has no owner, so anyone signed in may (as before owners). */
  public enum Level {
    NONE, READ, OWNER, OPEN
  }

  /** One row: a user's access to a portfolio, who gave it and when. */
  public record Grant(String portfolioId, String userName, Level access, String grantedBy, Instant grantedAt) {}

  private final Database database;

  public PortfolioAccessRepository(Database database) {
    this.database = database;
  }

  /** Sets a user's access (OWNER or READ), replacing the one before. */
  public void grant(Grant grant, UserRepository.AuthEvent event) {
    if (grant.access() != Level.OWNER && grant.access() != Level.READ) {
      throw new IllegalArgumentException("access is OWNER or READ, got " + grant.access());
    }
    database.inTransaction(c -> {
      delete(c, grant.portfolioId(), grant.userName());
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO portfolio_access (portfolio_id, user_name, access, granted_by, granted_at) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, grant.portfolioId());
        ps.setString(2, grant.userName());
        ps.setString(3, grant.access().name());
        ps.setString(4, grant.grantedBy());
        Sql.setInstant(ps, 5, grant.grantedAt());
        ps.executeUpdate();
      }
      UserRepository.log(c, event);
      return null;
    });
  }

  /** Takes a user's access away; false when there was none. */
  public boolean revoke(String portfolioId, String userName, UserRepository.AuthEvent event) {
    return database.inTransaction(c -> {
      if (delete(c, portfolioId, userName) == 0) {
        return false;
      }
      UserRepository.log(c, event);
      return true;
    });
  }

  public List<Grant> grants(String portfolioId) {
    return database.inTransaction(c -> {
      List<Grant> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM portfolio_access WHERE portfolio_id = ? ORDER BY user_name")) {
        ps.setString(1, portfolioId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Grant(rs.getString("portfolio_id"), rs.getString("user_name"), Level.valueOf(rs.getString("access")),
                rs.getString("granted_by"), Sql.getInstant(rs, "granted_at")));
          }
        }
      }
      return out;
    });
  }

  /** The user's access to a portfolio: OPEN when it has no owner, else the user's row or NONE. */
  public Level portfolio(String portfolioId, String userName) {
    return database.inTransaction(c -> best(c, "SELECT user_name, access FROM portfolio_access WHERE portfolio_id = ?", portfolioId, userName));
  }

  /**
   * The user's access to an account: OPEN when no portfolio it is attached to has an owner, else
   * the best the user has in one of those portfolios, or NONE.
   */
  public Level account(String accountId, String userName) {
    return database.inTransaction(c -> best(c, "SELECT a.user_name, a.access FROM portfolio_accounts pa"
        + " JOIN portfolio_access a ON a.portfolio_id = pa.portfolio_id WHERE pa.account_id = ?", accountId, userName));
  }

  private static Level best(Connection c, String sql, String id, String userName) throws SQLException {
    boolean any = false;
    Level best = Level.NONE;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          any = true;
          if (rs.getString(1).equals(userName)) {
            Level level = Level.valueOf(rs.getString(2));
            best = level.ordinal() > best.ordinal() ? level : best;
          }
        }
      }
    }
    return any ? best : Level.OPEN;
  }

  private static int delete(Connection c, String portfolioId, String userName) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM portfolio_access WHERE portfolio_id = ? AND user_name = ?")) {
      ps.setString(1, portfolioId);
      ps.setString(2, userName);
      return ps.executeUpdate();
    }
  }
}
