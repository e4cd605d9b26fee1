package dev.ballast.engine.execution;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** The {@link LedgerPort} of the AccountLedger entities, through Cluster Sharding. */
public final class ShardedLedger implements LedgerPort {
  private final ClusterSharding sharding;
  private final Duration timeout;

  public ShardedLedger(ClusterSharding sharding, Duration timeout) {
    this.sharding = sharding;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<Void> record(AccountId account, Transaction transaction) {
    return sharding.entityRefFor(AccountLedger.ENTITY_KEY, account.value())
        .<AccountLedger.BatchResult>ask(r -> new AccountLedger.RecordTransactions(List.of(transaction), r), timeout)
        .thenApply(result -> {
          if (result instanceof AccountLedger.Refused refused) {
            throw new IllegalStateException("the ledger of " + account + " refused fill " + transaction.externalId() + ": "
                + refused.error().message());
          }
          return null;
        });
  }
}
