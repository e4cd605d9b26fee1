package dev.ballast.persistence.readside;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.portfolio.Portfolio;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes of the read side, on the projection's connection so that they commit with its offset.
 * One method per event the tables care about.
 */
public interface ReadSideRepository {
  void accountOpened(Connection c, AccountLedger.AccountOpened e) throws SQLException;

  void transactionRecorded(Connection c, AccountLedger.TransactionRecorded e, long sequenceNr) throws SQLException;

  void discrepancyFound(Connection c, AccountLedger.BalanceDiscrepancyFound e) throws SQLException;

  void portfolioCreated(Connection c, Portfolio.PortfolioCreated e) throws SQLException;

  void accountAttached(Connection c, Portfolio.AccountAttached e) throws SQLException;

  void accountDetached(Connection c, Portfolio.AccountDetached e) throws SQLException;

  void targetAllocationSet(Connection c, Portfolio.TargetAllocationSet e) throws SQLException;
}
