package dev.ballast.persistence.query;

import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseException;
import dev.ballast.persistence.db.Sql;
import dev.ballast.persistence.readside.ReadSideLag;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of the read side for the API and the CLI; never touches actor state. */
public final class BallastQueries {
  private final Database database;

  public BallastQueries(Database database) {
    this.database = database;
  }

  public List<AccountRow> accounts() {
    return query("SELECT * FROM accounts ORDER BY account_id", ps -> {}, this::account);
  }

  public Optional<AccountRow> account(String accountId) {
    return query("SELECT * FROM accounts WHERE account_id = ?", ps -> ps.setString(1, accountId), this::account)
        .stream().findFirst();
  }

  /**
   * Waits until the portfolio read tables hold every portfolio event journaled before the call.
   *
   * @return the slices still behind when {@code timeout} passed; empty when they caught up
   */
  public List<String> awaitPortfolios(java.time.Duration timeout) throws InterruptedException {
    ReadSideLag.Targets targets = ReadSideLag.targets(database, tag -> tag.startsWith(Portfolio.TAG + "-"));
    return targets.await(database, timeout) ? List.of() : targets.behind(database);
  }


  public List<PortfolioRow> portfolios() {
    return queryOn("SELECT * FROM portfolios ORDER BY portfolio_id", ps -> {}, this::portfolio);
  }

  public Optional<PortfolioRow> portfolio(String portfolioId) {
    return queryOn("SELECT * FROM portfolios WHERE portfolio_id = ?", ps -> ps.setString(1, portfolioId), this::portfolio)
        .stream().findFirst();
  }

  public List<String> portfolioAccounts(String portfolioId) {
    return query("SELECT account_id FROM portfolio_accounts WHERE portfolio_id = ? ORDER BY account_id",
        ps -> ps.setString(1, portfolioId), rs -> rs.getString("account_id"));
  }

  public Page<TransactionRow> transactions(String accountId, long offset, int limit) {
    List<TransactionRow> items = query(
        "SELECT transaction_id, account_id, seq, tx_json FROM transactions WHERE account_id = ? ORDER BY occurred_at, tx_no LIMIT ? OFFSET ?",
        ps -> {
          ps.setString(1, accountId);
          ps.setInt(2, limit);
          ps.setLong(3, offset);
        },
        rs -> new TransactionRow(rs.getString("transaction_id"), rs.getString("account_id"), rs.getLong("seq"), rs.getString("tx_json")));
    long total = query("SELECT COUNT(*) AS n FROM transactions WHERE account_id = ?", ps -> ps.setString(1, accountId),
        rs -> rs.getLong("n")).get(0);
    return new Page<>(items, offset, limit, total);
  }

  /** A page of the account's transactions in trade-time order that happened in [{@code from}, {@code to}) (either null: open). */
  public Page<TransactionRow> transactions(String accountId, Instant from, Instant to, long offset, int limit) {
    if (from == null && to == null) {
      return transactions(accountId, offset, limit);
    }
    String where = " WHERE account_id = ?" + (from == null ? "" : " AND occurred_at >= ?") + (to == null ? "" : " AND occurred_at < ?");
    Binder range = ps -> {
      int i = 1;
      ps.setString(i++, accountId);
      if (from != null) {
        Sql.setInstant(ps, i++, from);
      }
      if (to != null) {
        Sql.setInstant(ps, i, to);
      }
    };
    int params = 1 + (from == null ? 0 : 1) + (to == null ? 0 : 1);
    List<TransactionRow> items = query("SELECT transaction_id, account_id, seq, tx_json FROM transactions" + where
        + " ORDER BY occurred_at, tx_no LIMIT ? OFFSET ?",
        ps -> {
          range.bind(ps);
          ps.setInt(params + 1, limit);
          ps.setLong(params + 2, offset);
        },
        rs -> new TransactionRow(rs.getString("transaction_id"), rs.getString("account_id"), rs.getLong("seq"), rs.getString("tx_json")));
    long total = query("SELECT COUNT(*) AS n FROM transactions" + where, range, rs -> rs.getLong("n")).get(0);
    return new Page<>(items, offset, limit, total);
  }

  /** Every recorded transaction of the account in trade-time order, the ledger's own, for replaying it (account metrics). */
  public List<TransactionRow> ledger(String accountId) {
    return query("SELECT transaction_id, account_id, seq, tx_json FROM transactions WHERE account_id = ? ORDER BY occurred_at, tx_no",
        ps -> ps.setString(1, accountId),
        rs -> new TransactionRow(rs.getString("transaction_id"), rs.getString("account_id"), rs.getLong("seq"), rs.getString("tx_json")));
  }

  /** The account's holdings with a non-zero quantity; {@code all} includes closed ones too. */
  public List<PositionRow> positions(String accountId, boolean all) {
    return query("SELECT * FROM positions WHERE account_id = ? ORDER BY asset", ps -> ps.setString(1, accountId), this::position)
        .stream().filter(p -> all || p.quantity().signum() != 0).toList();
  }

  /** The holdings of every account attached to the portfolio, account by account. */
  public List<PositionRow> portfolioPositions(String portfolioId) {
    return query(
        "SELECT p.* FROM positions p JOIN portfolio_accounts pa ON pa.account_id = p.account_id"
            + " WHERE pa.portfolio_id = ? ORDER BY p.asset, p.account_id",
        ps -> ps.setString(1, portfolioId), this::position)
        .stream().filter(p -> p.quantity().signum() != 0).toList();
  }

  private AccountRow account(ResultSet rs) throws SQLException {
    return new AccountRow(
        rs.getString("account_id"), rs.getString("name"), rs.getString("kind"), rs.getString("provider"),
        rs.getString("currency"), rs.getString("tax_wrapper"), rs.getBoolean("allow_short"),
        Sql.getInstant(rs, "opened_at"), rs.getLong("transaction_count"), rs.getString("cost_method"));
  }

  // the accounts are read on the connection already held: a second one taken from the pool here
  // deadlocked the pool once every connection was held by a request waiting for its second one
  private PortfolioRow portfolio(Connection c, ResultSet rs) throws SQLException {
    String id = rs.getString("portfolio_id");
    List<String> accounts = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT account_id FROM portfolio_accounts WHERE portfolio_id = ? ORDER BY account_id")) {
      ps.setString(1, id);
      try (ResultSet a = ps.executeQuery()) {
        while (a.next()) {
          accounts.add(a.getString("account_id"));
        }
      }
    }
    return new PortfolioRow(id, rs.getString("name"), rs.getString("base_currency"), Sql.getInstant(rs, "created_at"),
        List.copyOf(accounts), rs.getString("target_json"));
  }

  private PositionRow position(ResultSet rs) throws SQLException {
    return new PositionRow(
        rs.getString("account_id"), rs.getString("asset"), Sql.getDecimal(rs, "quantity"), rs.getString("cost_currency"),
        Sql.getDecimal(rs, "cost"), Sql.getDecimal(rs, "cost_in_account"), Sql.getDecimal(rs, "realized_in_account"),
        rs.getInt("lots"));
  }

  private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
    return queryOn(sql, binder, (c, rs) -> mapper.map(rs));
  }

  /** Like {@link #query}, the mapper reading more on the same connection: a request never holds two of the pool's. */
  private <T> List<T> queryOn(String sql, Binder binder, ConnectionRowMapper<T> mapper) {
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(mapper.map(c, rs));
        }
      }
      c.rollback();
      return out;
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  interface ConnectionRowMapper<T> {
    T map(Connection c, ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }
}
