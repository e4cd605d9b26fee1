package dev.ballast.persistence.readside;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.ledger.RealizedLot;
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
  public AccountRows accountRows(Connection c) {
    return new AccountRows(c);
  }

  @Override
  public void accountOpened(AccountRows rows, AccountLedger.AccountOpened e) {
    rows.account(new AccountRows.Account(e.accountId().value(), e.spec().name(), e.spec().kind().name(), e.spec().provider(),
        e.spec().currency().value(), e.spec().taxWrapper().name(), e.spec().allowShort(), e.openedAt(),
        e.spec().costMethod().name()));
  }

  @Override
  public void transactionRecorded(AccountRows rows, AccountLedger.TransactionRecorded e, long sequenceNr) {
    String account = e.accountId().value();
    rows.transaction(new AccountRows.TransactionRow(e.transactionId(), account, sequenceNr,
        AccountLedger.sequenceOf(e.transactionId()), e.transaction(), e.recordedAt(), toJson(e.transaction())));
    for (PositionSummary p : e.positions()) {
      rows.position(account, p);
    }
    int idx = 0;
    for (RealizedLot.Journaled r : e.realized()) {
      rows.realized(new AccountRows.Realized(e.transactionId(), idx++, account, r));
    }
    rows.countTransactions(account, 1);
  }

  @Override
  public void transactionsRecorded(AccountRows rows, AccountLedger.TransactionsRecorded e, long sequenceNr) {
    String account = e.accountId().value();
    for (AccountLedger.TransactionsRecorded.Row row : e.rows()) {
      rows.transaction(new AccountRows.TransactionRow(row.transactionId(), account, sequenceNr,
          AccountLedger.sequenceOf(row.transactionId()), row.transaction(), e.recordedAt(), toJson(row.transaction())));
      int idx = 0;
      for (RealizedLot.Journaled r : row.realized()) {
        rows.realized(new AccountRows.Realized(row.transactionId(), idx++, account, r));
      }
    }
    for (PositionSummary p : e.positions()) {
      rows.position(account, p);
    }
    rows.countTransactions(account, e.rows().size());
  }

  @Override
  public void ledgerRestated(AccountRows rows, AccountLedger.LedgerRestated e, long sequenceNr) throws SQLException {
    String account = e.accountId().value();
    // the restatement replaces what the read side had from e.from() on: write what came before it first
    rows.flush();
    try (PreparedStatement ps = rows.connection().prepareStatement("DELETE FROM positions WHERE account_id = ?")) {
      ps.setString(1, account);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = rows.connection().prepareStatement(
        "DELETE FROM realized_lots WHERE account_id = ? AND closed_at >= ?")) {
      ps.setString(1, account);
      Sql.setInstant(ps, 2, e.from());
      ps.executeUpdate();
    }
    for (AccountLedger.LedgerRestated.Row row : e.rows()) {
      rows.transaction(new AccountRows.TransactionRow(row.transactionId(), account, sequenceNr,
          AccountLedger.sequenceOf(row.transactionId()), row.transaction(), e.recordedAt(), toJson(row.transaction())));
    }
    for (PositionSummary p : e.positions()) {
      rows.position(account, p);
    }
    java.util.Map<String, Integer> next = new java.util.HashMap<>();
    for (RealizedLot.Journaled r : e.realized()) {
      rows.realized(new AccountRows.Realized(r.closedBy(), next.merge(r.closedBy(), 1, Integer::sum) - 1, account, r));
    }
    rows.countTransactions(account, e.rows().size());
  }

  @Override
  public void discrepancyFound(AccountRows rows, AccountLedger.BalanceDiscrepancyFound e) {
    // a venue may report the same instant twice (a reconciliation run again): the entity journals
    // both findings, and a plain insert would fail on the key and stop the slice for good; the
    // later finding replaces the earlier one
    rows.discrepancy(new AccountRows.Discrepancy(e.accountId().value(), e.source(), e.asOf(), e.asset(), e.ledgerQuantity(),
        e.reportedQuantity()));
  }

  @Override
  public void transferLinked(AccountRows rows, AccountLedger.TransferLinked e) throws SQLException {
    // the row may have been gathered in this very group: write it first, then update it
    rows.flush();
    try (PreparedStatement ps = rows.connection().prepareStatement(
        "UPDATE transactions SET type = ?, tx_json = ? WHERE account_id = ? AND transaction_id = ?")) {
      ps.setString(1, e.transaction().type().name());
      ps.setString(2, toJson(e.transaction()));
      ps.setString(3, e.accountId().value());
      ps.setString(4, e.transactionId());
      if (ps.executeUpdate() != 1) {
        throw new SQLException("transaction " + e.transactionId() + " of " + e.accountId() + " is not in the transactions table to relabel");
      }
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
