package dev.ballast.persistence.readside;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.portfolio.Portfolio;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes of the read side, on the projection's connection so that they commit with its offset.
 * One method per event the tables care about. The account events, which come by the thousand, are
 * gathered into {@link AccountRows} and written per group with JDBC batches; the portfolio events
 * are written as they come.
 */
public interface ReadSideRepository {
  /** The rows of one group of account events, written on {@code c} by {@link AccountRows#flush()}. */
  AccountRows accountRows(Connection c);

  void accountOpened(AccountRows rows, AccountLedger.AccountOpened e) throws SQLException;

  void transactionRecorded(AccountRows rows, AccountLedger.TransactionRecorded e, long sequenceNr) throws SQLException;

  /** Several transactions of one batch: a row per transaction, and the positions as they stand after the last. */
  void transactionsRecorded(AccountRows rows, AccountLedger.TransactionsRecorded e, long sequenceNr) throws SQLException;

  /** A batch older than rows already recorded: its rows, and positions and realized lots restated from its time on. */
  void ledgerRestated(AccountRows rows, AccountLedger.LedgerRestated e, long sequenceNr) throws SQLException;

  void discrepancyFound(AccountRows rows, AccountLedger.BalanceDiscrepancyFound e) throws SQLException;

  /** A recorded deposit or withdrawal relabelled as a leg of a transfer: its row takes the new type and form. */
  void transferLinked(AccountRows rows, AccountLedger.TransferLinked e) throws SQLException;

  void portfolioCreated(Connection c, Portfolio.PortfolioCreated e) throws SQLException;

  void accountAttached(Connection c, Portfolio.AccountAttached e) throws SQLException;

  void accountDetached(Connection c, Portfolio.AccountDetached e) throws SQLException;

  void targetAllocationSet(Connection c, Portfolio.TargetAllocationSet e) throws SQLException;
}
