package dev.ballast.persistence.readside;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.ledger.RealizedLot;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.persistence.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The read side's writes in plain JDBC; portable between H2 and PostgreSQL. */
public final class JdbcReadSideRepository implements ReadSideRepository {
  private final ObjectMapper json;

  public JdbcReadSideRepository(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void accountOpened(Connection c, AccountLedger.AccountOpened e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO accounts (account_id, name, kind, provider, currency, tax_wrapper, allow_short, opened_at, transaction_count)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
      ps.setString(1, e.accountId().value());
      ps.setString(2, e.spec().name());
      ps.setString(3, e.spec().kind().name());
      ps.setString(4, e.spec().provider());
      ps.setString(5, e.spec().currency().value());
      ps.setString(6, e.spec().taxWrapper().name());
      ps.setBoolean(7, e.spec().allowShort());
      Sql.setInstant(ps, 8, e.openedAt());
      ps.executeUpdate();
    }
  }

  @Override
  public void transactionRecorded(Connection c, AccountLedger.TransactionRecorded e, long sequenceNr) throws SQLException {
    Transaction tx = e.transaction();
    String account = e.accountId().value();
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO transactions (transaction_id, account_id, seq, type, occurred_at, asset, quantity, price, price_currency,"
            + " fee, fee_currency, source, external_id, recorded_at, tx_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, e.transactionId());
      ps.setString(2, account);
      ps.setLong(3, sequenceNr);
      ps.setString(4, tx.type().name());
      Sql.setInstant(ps, 5, tx.timestamp());
      ps.setString(6, tx.asset().value());
      Sql.setDecimal(ps, 7, tx.quantity() == null ? null : tx.quantity().value());
      Sql.setDecimal(ps, 8, tx.price() == null ? null : tx.price().value());
      Sql.setString(ps, 9, tx.price() == null ? null : tx.price().currency());
      Sql.setDecimal(ps, 10, tx.fee() == null ? null : tx.fee().amount());
      Sql.setString(ps, 11, tx.fee() == null ? null : tx.fee().currency());
      ps.setString(12, tx.source());
      ps.setString(13, tx.externalId());
      Sql.setInstant(ps, 14, e.recordedAt());
      ps.setString(15, toJson(tx));
      ps.executeUpdate();
    }
    for (PositionSummary p : e.positions()) {
      upsertPosition(c, account, p);
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO realized_lots (transaction_id, idx, account_id, asset, disposal, opened_by, opened_at, closed_at, quantity,"
            + " currency, cost, proceeds, pnl, cost_in_account, proceeds_in_account, pnl_in_account)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int idx = 0;
      for (RealizedLot r : e.realized()) {
        ps.setString(1, e.transactionId());
        ps.setInt(2, idx++);
        ps.setString(3, account);
        ps.setString(4, r.asset().value());
        ps.setString(5, r.disposal().name());
        ps.setString(6, r.openedBy());
        Sql.setInstant(ps, 7, r.openedAt());
        Sql.setInstant(ps, 8, r.closedAt());
        Sql.setDecimal(ps, 9, r.quantity());
        ps.setString(10, r.currency().value());
        Sql.setDecimal(ps, 11, r.cost());
        Sql.setDecimal(ps, 12, r.proceeds());
        Sql.setDecimal(ps, 13, r.pnl());
        Sql.setDecimal(ps, 14, r.costInAccount());
        Sql.setDecimal(ps, 15, r.proceedsInAccount());
        Sql.setDecimal(ps, 16, r.pnlInAccount());
        ps.addBatch();
      }
      if (idx > 0) {
        ps.executeBatch();
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE accounts SET transaction_count = transaction_count + 1 WHERE account_id = ?")) {
      ps.setString(1, account);
      ps.executeUpdate();
    }
  }

  private void upsertPosition(Connection c, String account, PositionSummary p) throws SQLException {
    // delete + insert: the same statement on H2 and PostgreSQL, atomic in the projection's transaction
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM positions WHERE account_id = ? AND asset = ?")) {
      ps.setString(1, account);
      ps.setString(2, p.asset().value());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO positions (account_id, asset, quantity, cost_currency, cost, cost_in_account, realized_in_account, lots)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, account);
      ps.setString(2, p.asset().value());
      Sql.setDecimal(ps, 3, p.quantity());
      Sql.setString(ps, 4, p.costCurrency());
      Sql.setDecimal(ps, 5, p.cost());
      Sql.setDecimal(ps, 6, p.costInAccount());
      Sql.setDecimal(ps, 7, p.realizedInAccount());
      ps.setInt(8, p.lots());
      ps.executeUpdate();
    }
  }

  @Override
  public void discrepancyFound(Connection c, AccountLedger.BalanceDiscrepancyFound e) throws SQLException {
    // a venue may report the same instant twice (a reconciliation run again): the entity journals
    // both findings, and a plain insert would fail on the key and stop the projection for good;
    // the later finding replaces the earlier one
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM balance_discrepancies WHERE account_id = ? AND source = ? AND as_of = ? AND asset = ?")) {
      ps.setString(1, e.accountId().value());
      ps.setString(2, e.source());
      Sql.setInstant(ps, 3, e.asOf());
      ps.setString(4, e.asset().value());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO balance_discrepancies (account_id, source, as_of, asset, ledger_quantity, reported_quantity)"
            + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, e.accountId().value());
      ps.setString(2, e.source());
      Sql.setInstant(ps, 3, e.asOf());
      ps.setString(4, e.asset().value());
      Sql.setDecimal(ps, 5, e.ledgerQuantity());
      Sql.setDecimal(ps, 6, e.reportedQuantity());
      ps.executeUpdate();
    }
  }

  @Override
  public void portfolioCreated(Connection c, Portfolio.PortfolioCreated e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO portfolios (portfolio_id, name, base_currency, created_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, e.portfolioId().value());
      ps.setString(2, e.name());
      ps.setString(3, e.baseCurrency().value());
      Sql.setInstant(ps, 4, e.createdAt());
      ps.executeUpdate();
    }
  }

  @Override
  public void accountAttached(Connection c, Portfolio.AccountAttached e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO portfolio_accounts (portfolio_id, account_id) VALUES (?, ?)")) {
      ps.setString(1, e.portfolioId().value());
      ps.setString(2, e.accountId().value());
      ps.executeUpdate();
    }
  }

  @Override
  public void accountDetached(Connection c, Portfolio.AccountDetached e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM portfolio_accounts WHERE portfolio_id = ? AND account_id = ?")) {
      ps.setString(1, e.portfolioId().value());
      ps.setString(2, e.accountId().value());
      ps.executeUpdate();
    }
  }

  @Override
  public void targetAllocationSet(Connection c, Portfolio.TargetAllocationSet e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE portfolios SET target_json = ? WHERE portfolio_id = ?")) {
      ps.setString(1, toJson(e.allocation()));
      ps.setString(2, e.portfolioId().value());
      ps.executeUpdate();
    }
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", ex);
    }
  }
}
