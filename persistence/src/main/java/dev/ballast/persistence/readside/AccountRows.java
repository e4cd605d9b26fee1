package dev.ballast.persistence.readside;

import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.ledger.RealizedLot;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.persistence.db.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account tables' rows that one group of events changes, gathered per table and written by
 * {@link #flush()} with one JDBC batch per statement, in the order that keeps every key valid
 * (accounts before their counts, positions deleted before they are inserted again). Of a position or
 * a discrepancy written several times in a group only the last version is written: the table holds
 * the latest, so the ones before it would be overwritten in the same transaction anyway.
 *
 * <p>An event whose writes must come in order with the rows gathered before it (a restatement that
 * deletes rows, say) calls {@link #flush()} first and then writes on {@link #connection()}.
 */
public final class AccountRows {
  private final Connection connection;
  private final List<Account> accounts = new ArrayList<>();
  private final List<TransactionRow> transactions = new ArrayList<>();
  private final List<Realized> realized = new ArrayList<>();
  private final Map<PositionKey, PositionSummary> positions = new LinkedHashMap<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<DiscrepancyKey, Discrepancy> discrepancies = new LinkedHashMap<>();

  AccountRows(Connection connection) {
    this.connection = connection;
  }

  public Connection connection() {
    return connection;
  }

  /** A new row of the accounts table, with no transactions yet. */
  public record Account(String accountId, String name, String kind, String provider, String currency, String taxWrapper,
      boolean allowShort, Instant openedAt, String costMethod) {}

  /** A new row of the transactions table. */
  public record TransactionRow(
      String transactionId, String accountId, long seq, long number, Transaction tx, Instant recordedAt, String json) {}

  /** A new row of the realized lots table. */
  public record Realized(String transactionId, int idx, String accountId, RealizedLot.Journaled lot) {}

  /** The latest finding for one account, source, instant and asset. */
  public record Discrepancy(String accountId, String source, Instant asOf, AssetId asset, BigDecimal ledgerQuantity,
      BigDecimal reportedQuantity) {}

  private record PositionKey(String accountId, AssetId asset) {}

  private record DiscrepancyKey(String accountId, String source, Instant asOf, AssetId asset) {}

  public void account(Account row) {
    accounts.add(row);
  }

  public void transaction(TransactionRow row) {
    transactions.add(row);
  }

  public void realized(Realized row) {
    realized.add(row);
  }

  /** The position as it is after the event; replaces an earlier version from the same group. */
  public void position(String accountId, PositionSummary summary) {
    positions.put(new PositionKey(accountId, summary.asset()), summary);
  }

  /** Adds to the account's transaction count. */
  public void countTransactions(String accountId, long added) {
    counts.merge(accountId, added, Long::sum);
  }

  public void discrepancy(Discrepancy row) {
    discrepancies.put(new DiscrepancyKey(row.accountId(), row.source(), row.asOf(), row.asset()), row);
  }

  /** Writes everything gathered so far and starts empty again. */
  public void flush() throws SQLException {
    if (!accounts.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO accounts (account_id, name, kind, provider, currency, tax_wrapper, allow_short, opened_at, cost_method,"
              + " transaction_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
        for (Account a : accounts) {
          ps.setString(1, a.accountId());
          ps.setString(2, a.name());
          ps.setString(3, a.kind());
          ps.setString(4, a.provider());
          ps.setString(5, a.currency());
          ps.setString(6, a.taxWrapper());
          ps.setBoolean(7, a.allowShort());
          Sql.setInstant(ps, 8, a.openedAt());
          ps.setString(9, a.costMethod());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!transactions.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO transactions (transaction_id, account_id, seq, type, occurred_at, asset, quantity, price, price_currency,"
              + " fee, fee_currency, source, external_id, recorded_at, tx_json, tx_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (TransactionRow t : transactions) {
          Transaction tx = t.tx();
          ps.setString(1, t.transactionId());
          ps.setString(2, t.accountId());
          ps.setLong(3, t.seq());
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
          Sql.setInstant(ps, 14, t.recordedAt());
          ps.setString(15, t.json());
          ps.setLong(16, t.number());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!realized.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO realized_lots (transaction_id, idx, account_id, asset, disposal, opened_by, opened_at, closed_at, quantity,"
              + " currency, cost, proceeds, pnl, cost_in_account, proceeds_in_account, pnl_in_account, proceeds_currency)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Realized row : realized) {
          RealizedLot.Journaled r = row.lot();
          ps.setString(1, row.transactionId());
          ps.setInt(2, row.idx());
          ps.setString(3, row.accountId());
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
          ps.setString(17, r.proceedsCurrency() == null ? null : r.proceedsCurrency().value());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!positions.isEmpty()) {
      // delete + insert: the same statements on H2 and PostgreSQL, atomic in the projection's transaction
      try (PreparedStatement ps = connection.prepareStatement("DELETE FROM positions WHERE account_id = ? AND asset = ?")) {
        for (PositionKey key : positions.keySet()) {
          ps.setString(1, key.accountId());
          ps.setString(2, key.asset().value());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO positions (account_id, asset, quantity, cost_currency, cost, cost_in_account, realized_in_account, lots)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (var entry : positions.entrySet()) {
          PositionSummary p = entry.getValue();
          ps.setString(1, entry.getKey().accountId());
          ps.setString(2, p.asset().value());
          Sql.setDecimal(ps, 3, p.quantity());
          Sql.setString(ps, 4, p.costCurrency());
          Sql.setDecimal(ps, 5, p.cost());
          Sql.setDecimal(ps, 6, p.costInAccount());
          Sql.setDecimal(ps, 7, p.realizedInAccount());
          ps.setInt(8, p.lots());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!counts.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(
          "UPDATE accounts SET transaction_count = transaction_count + ? WHERE account_id = ?")) {
        for (var entry : counts.entrySet()) {
          ps.setLong(1, entry.getValue());
          ps.setString(2, entry.getKey());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!discrepancies.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(
          "DELETE FROM balance_discrepancies WHERE account_id = ? AND source = ? AND as_of = ? AND asset = ?")) {
        for (Discrepancy d : discrepancies.values()) {
          ps.setString(1, d.accountId());
          ps.setString(2, d.source());
          Sql.setInstant(ps, 3, d.asOf());
          ps.setString(4, d.asset().value());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO balance_discrepancies (account_id, source, as_of, asset, ledger_quantity, reported_quantity)"
              + " VALUES (?, ?, ?, ?, ?, ?)")) {
        for (Discrepancy d : discrepancies.values()) {
          ps.setString(1, d.accountId());
          ps.setString(2, d.source());
          Sql.setInstant(ps, 3, d.asOf());
          ps.setString(4, d.asset().value());
          Sql.setDecimal(ps, 5, d.ledgerQuantity());
          Sql.setDecimal(ps, 6, d.reportedQuantity());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    accounts.clear();
    transactions.clear();
    realized.clear();
    positions.clear();
    counts.clear();
    discrepancies.clear();
  }
}
