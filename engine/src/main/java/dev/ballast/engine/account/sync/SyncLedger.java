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

  CompletionStage<AccountLedger.BalanceResult> report(AccountId account, String source, Instant asOf, Map<AssetId, BigDecimal> balances);
}
