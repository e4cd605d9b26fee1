package dev.ballast.persistence.execution;

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
import java.util.Objects;

/** Reads of the trading read side's orders and fills, by portfolio or account and time. */
public final class OrderQueries {
  private final Database database;

  public OrderQueries(Database database) {
    this.database = database;
  }

  /** Whose orders: one portfolio's (through its decisions) or one account's. */
  public record Scope(String column, String id) {
    public Scope {
      if (!column.equals("portfolio_id") && !column.equals("account_id")) {
        throw new IllegalArgumentException("a scope is a portfolio or an account, got " + column);
      }
      Objects.requireNonNull(id, "id");
    }

    public static Scope portfolio(String portfolioId) {
      return new Scope("portfolio_id", portfolioId);
    }

    public static Scope account(String accountId) {
      return new Scope("account_id", accountId);
    }
  }

  /** Orders accepted in [{@code from}, {@code to}) (either may be null: open), newest first. */
  public Page<OrderRow> orders(Scope scope, Instant from, Instant to, long offset, int limit) {
    String where = " WHERE " + scope.column() + " = ?" + range("accepted_at", from, to);
    List<OrderRow> items = query("SELECT * FROM trading_orders" + where + " ORDER BY accepted_at DESC, client_order_id LIMIT ? OFFSET ?",
        ps -> {
          int i = bind(ps, scope, from, to);
          ps.setInt(i++, limit);
          ps.setLong(i, offset);
        }, OrderQueries::order);
    return new Page<>(items, offset, limit, count("trading_orders" + where, scope, from, to));
  }

  /** Fills made in [{@code from}, {@code to}) (either may be null: open), newest first. */
  public Page<FillRow> fills(Scope scope, Instant from, Instant to, long offset, int limit) {
    String where = " WHERE " + scope.column() + " = ?" + range("filled_at", from, to);
    List<FillRow> items = query("SELECT * FROM trading_fills" + where + " ORDER BY filled_at DESC, fill_id LIMIT ? OFFSET ?",
        ps -> {
          int i = bind(ps, scope, from, to);
          ps.setInt(i++, limit);
          ps.setLong(i, offset);
        }, OrderQueries::fill);
    return new Page<>(items, offset, limit, count("trading_fills" + where, scope, from, to));
  }

  /**
   * Every fill of the scope made in [{@code from}, {@code to}) (either may be null: open) that has
   * an intended price, oldest first: what slippage statistics are computed from.
   */
  public List<FillRow> fillsWithIntendedPrice(Scope scope, Instant from, Instant to) {
    return fillsInTimeOrder(scope, from, to, true);
  }

  /** Every fill of the scope made in [{@code from}, {@code to}) (either may be null: open), oldest first. */
  public List<FillRow> fillsInTimeOrder(Scope scope, Instant from, Instant to) {
    return fillsInTimeOrder(scope, from, to, false);
  }

  private List<FillRow> fillsInTimeOrder(Scope scope, Instant from, Instant to, boolean intendedOnly) {
    return query("SELECT * FROM trading_fills WHERE " + scope.column() + " = ?" + range("filled_at", from, to)
        + (intendedOnly ? " AND intended_price IS NOT NULL" : "") + " ORDER BY filled_at, fill_id", ps -> bind(ps, scope, from, to), OrderQueries::fill);
  }

  private static String range(String column, Instant from, Instant to) {
    return (from == null ? "" : " AND " + column + " >= ?") + (to == null ? "" : " AND " + column + " < ?");
  }

  /** Binds the scope and the range; answers the next parameter index. */
  private static int bind(PreparedStatement ps, Scope scope, Instant from, Instant to) throws SQLException {
    int i = 1;
    ps.setString(i++, scope.id());
    if (from != null) {
      Sql.setInstant(ps, i++, from);
    }
    if (to != null) {
      Sql.setInstant(ps, i++, to);
    }
    return i;
  }

  private long count(String tableAndWhere, Scope scope, Instant from, Instant to) {
    return query("SELECT COUNT(*) AS n FROM " + tableAndWhere, ps -> bind(ps, scope, from, to), rs -> rs.getLong("n")).get(0);
  }

  private static OrderRow order(ResultSet rs) throws SQLException {
    return new OrderRow(rs.getString("account_id"), rs.getString("client_order_id"), rs.getString("portfolio_id"), rs.getString("decision_id"),
        rs.getString("intent_id"), rs.getString("venue"), rs.getString("instrument"), rs.getString("side"), rs.getString("order_type"),
        Sql.getDecimal(rs, "quantity"), Sql.getDecimal(rs, "limit_price"), Sql.getDecimal(rs, "intended_price"),
        rs.getString("price_currency"), rs.getString("status"), rs.getString("venue_order_id"), Sql.getDecimal(rs, "filled_quantity"),
        rs.getInt("fill_count"), rs.getString("reason"), Sql.getInstant(rs, "accepted_at"), Sql.getInstant(rs, "updated_at"));
  }

  private static FillRow fill(ResultSet rs) throws SQLException {
    return new FillRow(rs.getString("fill_id"), rs.getString("account_id"), rs.getString("client_order_id"), rs.getString("portfolio_id"),
        rs.getString("decision_id"), rs.getString("venue"), rs.getString("venue_order_id"), rs.getString("instrument"), rs.getString("side"),
        Sql.getDecimal(rs, "quantity"), Sql.getDecimal(rs, "intended_price"), Sql.getDecimal(rs, "fill_price"), rs.getString("price_currency"),
        Sql.getDecimal(rs, "slippage_bps"), Sql.getDecimal(rs, "fee"), rs.getString("fee_currency"), Sql.getInstant(rs, "filled_at"),
        Sql.getInstant(rs, "recorded_at"));
  }

  private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
      }
      c.rollback();
      return out;
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }
}
