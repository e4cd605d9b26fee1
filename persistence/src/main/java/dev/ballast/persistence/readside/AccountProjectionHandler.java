package dev.ballast.persistence.readside;

import dev.ballast.engine.account.AccountLedger;
import java.sql.Connection;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/** Keeps the accounts, transactions, positions, realized lots and discrepancies tables of one slice. */
public final class AccountProjectionHandler extends GroupHandler<AccountLedger.Event> {
  private final ReadSideRepository repository;

  public AccountProjectionHandler(ReadSideRepository repository) {
    this.repository = repository;
  }

  @Override
  protected void apply(Connection c, List<EventEnvelope<AccountLedger.Event>> envelopes) throws Exception {
    AccountRows rows = repository.accountRows(c);
    for (EventEnvelope<AccountLedger.Event> envelope : envelopes) {
      AccountLedger.Event event = envelope.event();
      if (event instanceof AccountLedger.AccountOpened e) {
        repository.accountOpened(rows, e);
      } else if (event instanceof AccountLedger.TransactionRecorded e) {
        repository.transactionRecorded(rows, e, envelope.sequenceNr());
      } else if (event instanceof AccountLedger.TransactionsRecorded e) {
        repository.transactionsRecorded(rows, e, envelope.sequenceNr());
      } else if (event instanceof AccountLedger.LedgerRestated e) {
        repository.ledgerRestated(rows, e, envelope.sequenceNr());
      } else if (event instanceof AccountLedger.BalanceDiscrepancyFound e) {
        repository.discrepancyFound(rows, e);
      } else if (event instanceof AccountLedger.TransferLinked e) {
        repository.transferLinked(rows, e);
      } else if (!(event instanceof AccountLedger.BalancesReported)) {
        // BalancesReported stays in the entity; the read side keeps only the discrepancies
        throw unknownEvent(envelope);
      }
    }
    rows.flush();
  }
}
