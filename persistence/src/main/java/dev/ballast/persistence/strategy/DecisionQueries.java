package dev.ballast.persistence.strategy;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseException;
import dev.ballast.persistence.db.Sql;
import dev.ballast.persistence.query.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads of the trading read side's decisions of a portfolio, by time. */
public final class DecisionQueries {
  private final Database database;

  public DecisionQueries(Database database) {
    this.database = database;
  }

  /** Decisions made in [{@code from}, {@code to}) (either may be null: open), newest first. */
  public Page<DecisionRow> page(String portfolioId, Instant from, Instant to, long offset, int limit) {
    String where = " WHERE portfolio_id = ?" + (from == null ? "" : " AND decided_at >= ?") + (to == null ? "" : " AND decided_at < ?");
    try (Connection c = database.connection()) {
      List<DecisionRow> items = new ArrayList<>();
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM trading_decisions" + where + " ORDER BY seq DESC LIMIT ? OFFSET ?")) {
        int i = bind(ps, portfolioId, from, to);
        ps.setInt(i++, limit);
        ps.setLong(i, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(row(rs));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM trading_decisions" + where)) {
        bind(ps, portfolioId, from, to);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      c.rollback();
      return new Page<>(items, offset, limit, total);
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  private static int bind(PreparedStatement ps, String portfolioId, Instant from, Instant to) throws SQLException {
    int i = 1;
    ps.setString(i++, portfolioId);
    if (from != null) {
      Sql.setInstant(ps, i++, from);
    }
    if (to != null) {
      Sql.setInstant(ps, i++, to);
    }
    return i;
  }

  private static DecisionRow row(ResultSet rs) throws SQLException {
    return new DecisionRow(rs.getString("decision_id"), rs.getString("portfolio_id"), rs.getLong("seq"), rs.getString("policy"),
        rs.getString("mode"), Sql.getInstant(rs, "decided_at"), rs.getInt("intent_count"), rs.getBoolean("outside_band"),
        rs.getInt("problem_count"), Sql.getInstant(rs, "screened_at"), (Integer) rs.getObject("passed_count", Integer.class),
        rs.getObject("rejected_count", Integer.class), Sql.getInstant(rs, "delivered_at"), rs.getString("decided_json"),
        rs.getString("screened_json"));
  }
}
