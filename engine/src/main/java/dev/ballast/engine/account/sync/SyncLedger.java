package dev.ballast.engine.account.sync;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** What a sync asks of the account's ledger: record a page of rows (idempotent by venue id), and check balances. */
public interface SyncLedger {

  CompletionStage<AccountLedger.BatchResult> record(AccountId account, List<dev.ballast.engine.model.Transaction> transactions);

  CompletionStage<AccountLedger.BalanceResult> report(AccountId account, String source, Instant asOf, Map<AssetId, BigDecimal> balances);

  /** The ledgers through Cluster Sharding, as everything else reaches them. */
  static SyncLedger sharded(ActorSystem<?> system, Duration timeout) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return new SyncLedger() {
      @Override
      public CompletionStage<AccountLedger.BatchResult> record(AccountId account, List<dev.ballast.engine.model.Transaction> transactions) {
        return sharding.entityRefFor(AccountLedger.ENTITY_KEY, account.value())
            .ask(reply -> new AccountLedger.RecordTransactions(transactions, reply), timeout);
      }

      @Override
      public CompletionStage<AccountLedger.BalanceResult> report(AccountId account, String source, Instant asOf, Map<AssetId, BigDecimal> balances) {
        return sharding.entityRefFor(AccountLedger.ENTITY_KEY, account.value())
            .ask(reply -> new AccountLedger.ReportBalances(source, asOf, balances, reply), timeout);
      }
    };
  }
}
