package dev.ballast.persistence.report;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseException;
import dev.ballast.persistence.db.Sql;
import dev.ballast.persistence.execution.OrderRow;
import dev.ballast.persistence.query.TransactionRow;
import dev.ballast.persistence.strategy.DecisionRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The reads the exports stream: the rows come from an open cursor as the writer takes them, so an
 * export of a million transactions never holds the ledger in memory (docs/reports.md#exports).
 * Each read is scoped: the rows can be iterated once, inside {@code use}, and the connection is
 * closed when it returns.
 */
public final class ReportQueries {
  /** Rows fetched per round trip: PostgreSQL keeps a cursor (autocommit is off), H2 pages its result. */
  static final int FETCH_SIZE = 2_000;

  /** What is done with the rows while the cursor is open. */
  @FunctionalInterface
  public interface RowsUse<R, T> {
    T use(Iterable<R> rows) throws Exception;
  }

  @FunctionalInterface
  private interface RowMapper<R> {
    R map(ResultSet rs) throws SQLException;
  }

  private final Database database;

  public ReportQueries(Database database) {
    this.database = database;
  }

  /**
   * The transactions of {@code accounts}, account by account, each in ledger (trade-time) order,
   * that happened in [{@code from}, {@code to}) (either null: open).
   */
  public <T> T transactions(List<String> accounts, Instant from, Instant to, RowsUse<TransactionRow, T> use) throws Exception {
    String sql = "SELECT transaction_id, account_id, seq, tx_json FROM transactions WHERE account_id = ?"
        + (from == null ? "" : " AND occurred_at >= ?") + (to == null ? "" : " AND occurred_at < ?")
        + " ORDER BY occurred_at, tx_no";
    return stream(accounts, sql, from, to,
        rs -> new TransactionRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)), use);
  }

  /** The decisions of a portfolio made in [{@code from}, {@code to}) (either null: open), oldest first. */
  public <T> T decisions(String portfolioId, Instant from, Instant to, RowsUse<DecisionRow, T> use) throws Exception {
    String sql = "SELECT * FROM trading_decisions WHERE portfolio_id = ?"
        + (from == null ? "" : " AND decided_at >= ?") + (to == null ? "" : " AND decided_at < ?") + " ORDER BY seq";
    return stream(List.of(portfolioId), sql, from, to, ReportQueries::decision, use);
  }

  /**
   * The orders of {@code accounts} accepted in [{@code from}, {@code to}) (either null: open) as the
   * trading read table holds them after their last event, account by account, oldest first.
   */
  public <T> T orders(List<String> accounts, Instant from, Instant to, RowsUse<OrderRow, T> use) throws Exception {
    String sql = "SELECT * FROM trading_orders WHERE account_id = ?"
        + (from == null ? "" : " AND accepted_at >= ?") + (to == null ? "" : " AND accepted_at < ?")
        + " ORDER BY accepted_at, client_order_id";
    return stream(accounts, sql, from, to, ReportQueries::order, use);
  }

  private <R, T> T stream(List<String> keys, String sql, Instant from, Instant to, RowMapper<R> mapper, RowsUse<R, T> use)
      throws Exception {
    try (Connection c = database.connection()) {
      try {
        Cursor<R> cursor = new Cursor<>(c, keys, sql, from, to, mapper);
        try {
          return use.use(new Iterable<>() {
            private boolean taken;

            @Override
            public Iterator<R> iterator() {
              if (taken) {
                throw new IllegalStateException("the rows of an open cursor can be read once");
              }
              taken = true;
              return cursor;
            }
          });
        } finally {
          cursor.close();
        }
      } finally {
        c.rollback();
      }
    }
  }

  /** Runs the query once per key, in order, and reads each result as it is iterated. */
  private static final class Cursor<R> implements Iterator<R> {
    private final Connection c;
    private final List<String> keys;
    private final String sql;
    private final Instant from;
    private final Instant to;
    private final RowMapper<R> mapper;
    private int next;
    private PreparedStatement ps;
    private ResultSet rs;
    private R ahead;

    Cursor(Connection c, List<String> keys, String sql, Instant from, Instant to, RowMapper<R> mapper) {
      this.c = c;
      this.keys = keys;
      this.sql = sql;
      this.from = from;
      this.to = to;
      this.mapper = mapper;
    }

    @Override
    public boolean hasNext() {
      try {
        while (ahead == null) {
          if (rs != null && rs.next()) {
            ahead = mapper.map(rs);
          } else {
            close();
            if (next == keys.size()) {
              return false;
            }
            ps = c.prepareStatement(sql);
            ps.setFetchSize(FETCH_SIZE);
            int i = 1;
            ps.setString(i++, keys.get(next++));
            if (from != null) {
              Sql.setInstant(ps, i++, from);
            }
            if (to != null) {
              Sql.setInstant(ps, i, to);
            }
            rs = ps.executeQuery();
          }
        }
        return true;
      } catch (SQLException e) {
        throw new DatabaseException(e);
      }
    }

    @Override
    public R next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      R row = ahead;
      ahead = null;
      return row;
    }

    void close() {
      try {
        if (rs != null) {
          rs.close();
        }
        if (ps != null) {
          ps.close();
        }
      } catch (SQLException e) {
        throw new DatabaseException(e);
      } finally {
        rs = null;
        ps = null;
      }
    }
  }

  private static OrderRow order(ResultSet rs) throws SQLException {
    return new OrderRow(rs.getString("account_id"), rs.getString("client_order_id"), rs.getString("portfolio_id"),
        rs.getString("decision_id"), rs.getString("intent_id"), rs.getString("venue"), rs.getString("instrument"), rs.getString("side"),
        rs.getString("order_type"), Sql.getDecimal(rs, "quantity"), Sql.getDecimal(rs, "limit_price"), Sql.getDecimal(rs, "intended_price"),
        rs.getString("price_currency"), rs.getString("status"), rs.getString("venue_order_id"), Sql.getDecimal(rs, "filled_quantity"),
        rs.getInt("fill_count"), rs.getString("reason"), Sql.getInstant(rs, "accepted_at"), Sql.getInstant(rs, "updated_at"));
  }

  private static DecisionRow decision(ResultSet rs) throws SQLException {
    return new DecisionRow(rs.getString("decision_id"), rs.getString("portfolio_id"), rs.getLong("seq"), rs.getString("policy"),
        rs.getString("mode"), Sql.getInstant(rs, "decided_at"), rs.getInt("intent_count"), rs.getBoolean("outside_band"),
        rs.getInt("problem_count"), Sql.getInstant(rs, "screened_at"), rs.getObject("passed_count", Integer.class),
        rs.getObject("rejected_count", Integer.class), Sql.getInstant(rs, "delivered_at"), rs.getString("decided_json"),
        rs.getString("screened_json"));
  }
}
