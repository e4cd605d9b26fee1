package dev.ballast.persistence.readside;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.persistence.db.DataSourceJdbcSession;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/** Keeps the accounts, transactions, positions, realized lots and discrepancies tables. */
public final class AccountProjectionHandler extends JdbcHandler<EventEnvelope<AccountLedger.Event>, DataSourceJdbcSession> {
  private final ReadSideRepository repository;

  public AccountProjectionHandler(ReadSideRepository repository) {
    this.repository = repository;
  }

  @Override
  public void process(DataSourceJdbcSession session, EventEnvelope<AccountLedger.Event> envelope) throws Exception {
    session.withConnection(
        c -> {
          AccountLedger.Event event = envelope.event();
          if (event instanceof AccountLedger.AccountOpened e) {
            repository.accountOpened(c, e);
          } else if (event instanceof AccountLedger.TransactionRecorded e) {
            repository.transactionRecorded(c, e, envelope.sequenceNr());
          } else if (event instanceof AccountLedger.BalanceDiscrepancyFound e) {
            repository.discrepancyFound(c, e);
          }
          // BalancesReported stays in the entity; the read side keeps only the discrepancies
          return null;
        });
  }
}
