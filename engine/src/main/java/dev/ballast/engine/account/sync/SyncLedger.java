package dev.ballast.engine.account.sync;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** What a sync asks of the account's ledger: record a page of rows (idempotent by venue id), and check balances ({@link AccountSync#shardedLedger}). */
public interface SyncLedger {

  CompletionStage<AccountLedger.BatchResult> record(AccountId account, List<dev.ballast.engine.model.Transaction> transactions);

  /**
   * The venue's balances; {@code complete} when its list leaves out only what it holds none of (then
   * an asset the ledger holds and the list omits is a reported zero), except {@code notCompared}.
   */
  CompletionStage<AccountLedger.BalanceResult> report(AccountId account, String source, Instant asOf, Map<AssetId, BigDecimal> balances,
      boolean complete, java.util.Set<AssetId> notCompared);
}
