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

  /** The journal sequence number of the event made last. */
  public long sequenceNr() {
    return sequenceNr;
  }

  public LedgerBook book() {
    return book;
  }
}
