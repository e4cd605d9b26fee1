package dev.ballast.engine.account;

import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.Transaction;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The transactions an account has recorded, read back from its journal: what the ledger needs
 * when a batch older than rows already recorded re-lots the account from that point.
 */
public interface AccountHistory {

  /** One recorded transaction with its sequence number (1 for the first) and id. */
  record RecordedRow(long sequence, String transactionId, Transaction transaction) {}

  /** Every transaction of the account in recording order. */
  CompletionStage<List<RecordedRow>> recorded(AccountId account);

  /** Makes the history reader on the actor system the entity runs on. */
  @FunctionalInterface
  interface Factory {
    AccountHistory create(ActorSystem<?> system);
  }
}
