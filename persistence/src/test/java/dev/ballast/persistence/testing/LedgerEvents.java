package dev.ballast.persistence.testing;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.Transaction;

/**
 * The events an account ledger would journal, made by the real {@link LedgerBook} without an actor:
 * positions, realized lots and removed lots are what the engine computes. Also counts sequence
 * numbers as the journal would (AccountOpened is 1).
 */
public final class LedgerEvents {
  private final AccountId accountId;
  private final AccountSpec spec;
  private LedgerBook book;
  private long transactions;
  private long sequenceNr;

  public LedgerEvents(AccountId accountId, AccountSpec spec) {
    this.accountId = accountId;
    this.spec = spec;
    this.book = LedgerBook.empty(spec.currency(), spec.allowShort());
  }

  public AccountLedger.AccountOpened opened() {
    sequenceNr++;
    return new AccountLedger.AccountOpened(accountId, spec, Fixtures.NOW);
  }

  public AccountLedger.TransactionRecorded record(Transaction tx) {
    String id = accountId.value() + "/" + (++transactions);
    LedgerBook.Applied applied = book.apply(id, tx);
    book = applied.book();
    sequenceNr++;
    return AccountLedger.TransactionRecorded.of(
        accountId, id, Fixtures.NOW, tx, applied);
  }

  /** Several transactions as one batch event, as the ledger journals a batch of more than one row. */
  public AccountLedger.TransactionsRecorded recordAll(java.util.List<Transaction> txs) {
    java.util.List<AccountLedger.TransactionsRecorded.Row> rows = new java.util.ArrayList<>();
    java.util.Map<dev.ballast.engine.model.AssetId, dev.ballast.engine.ledger.PositionSummary> touched = new java.util.LinkedHashMap<>();
    for (Transaction tx : txs) {
      String id = accountId.value() + "/" + (++transactions);
      LedgerBook.Applied applied = book.apply(id, tx);
      book = applied.book();
      rows.add(new AccountLedger.TransactionsRecorded.Row(id, tx, applied.steps(),
          applied.realized().stream().map(dev.ballast.engine.ledger.RealizedLot::journaled).toList(),
          applied.removed().stream().map(dev.ballast.engine.ledger.Lot::journaled).toList()));
      applied.touched().forEach(p -> touched.put(p.asset(), p));
    }
    sequenceNr++;
    return new AccountLedger.TransactionsRecorded(accountId, Fixtures.NOW, rows, java.util.List.copyOf(touched.values()));
  }

  /** The journal sequence number of the event made last. */
  public long sequenceNr() {
    return sequenceNr;
  }

  public LedgerBook book() {
    return book;
  }
}
