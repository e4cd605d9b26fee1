package dev.ballast.api.server;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.account.sync.SyncLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.ops.alerts.AlertSink;
import dev.ballast.engine.ops.alerts.AlertType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The account sync's ledger port that also raises RECONCILIATION_DISCREPANCY when a venue reports
 * balances the ledger does not hold (the first report of a difference, not its repeats).
 */
final class DiscrepancyAlerts implements SyncLedger {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DiscrepancyAlerts.class);
  private final SyncLedger ledger;
  private final AlertSink alerts;
  private final Executor blocking;

  DiscrepancyAlerts(SyncLedger ledger, AlertSink alerts, Executor blocking) {
    this.ledger = ledger;
    this.alerts = alerts;
    this.blocking = blocking;
  }

  @Override
  public CompletionStage<AccountLedger.BatchResult> record(AccountId account, List<Transaction> transactions) {
    return ledger.record(account, transactions);
  }

  @Override
  public CompletionStage<AccountLedger.BalanceResult> report(AccountId account, String source, Instant asOf, Map<AssetId, BigDecimal> balances,
      boolean complete, java.util.Set<AssetId> notCompared) {
    return ledger.report(account, source, asOf, balances, complete, notCompared).thenCompose(result -> {
      if (result instanceof AccountLedger.BalanceCheck check && !check.alreadyReported() && !check.discrepancies().isEmpty()) {
        String differences = check.discrepancies().stream()
            .map(d -> d.asset().value() + " ledger " + d.ledgerQuantity().toPlainString() + ", reported " + d.reportedQuantity().toPlainString())
            .collect(Collectors.joining("; "));
        // raising writes to the database: the sync waits for it, so the alert is there when the sync says it is done
        return CompletableFuture.runAsync(() -> alerts.raise(AlertType.RECONCILIATION_DISCREPANCY, "account " + account.value(),
            source + " reported balances on " + asOf + " that the ledger does not hold: " + differences), blocking).handle((v, e) -> {
              if (e != null) {
                // the discrepancy itself is journaled by the ledger; only its alert is lost
                LOG.warn("account {}: the reconciliation alert could not be raised: {}", account.value(), e.toString());
              }
              return result;
            });
      }
      return CompletableFuture.completedFuture(result);
    });
  }
}
