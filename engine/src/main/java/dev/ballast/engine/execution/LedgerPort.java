package dev.ballast.engine.execution;

import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.Transaction;
import java.util.concurrent.CompletionStage;

/**
 * Port: records a fill's transaction in the account's ledger; completes when it is recorded or
 * was already (the transaction's source and external id make a repeat a no-op), fails otherwise.
 */
public interface LedgerPort {
  CompletionStage<Void> record(AccountId account, Transaction transaction);
}
