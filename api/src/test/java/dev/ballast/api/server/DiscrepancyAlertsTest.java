package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.account.sync.SyncLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.engine.ops.alerts.AlertType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** A venue's balances the ledger does not hold raise one RECONCILIATION_DISCREPANCY; a repeat or a match raises none. */
class DiscrepancyAlertsTest {
  private static final AccountId ACCOUNT = AccountId.of("cold");
  private static final Instant AS_OF = Instant.parse("2026-12-01T00:00:00Z");

  /** The ledger port answering what the test set. */
  private static final class Answering implements SyncLedger {
    AccountLedger.BalanceResult next;

    @Override
    public CompletionStage<AccountLedger.BatchResult> record(AccountId account, List<Transaction> transactions) {
      throw new UnsupportedOperationException("not used");
    }

    @Override
    public CompletionStage<AccountLedger.BalanceResult> report(AccountId account, String source, Instant asOf, Map<AssetId, BigDecimal> balances,
        boolean complete, java.util.Set<AssetId> notCompared) {
      return CompletableFuture.completedFuture(next);
    }
  }

  record Raised(AlertType type, AlertLevel level, String subject, String message) {}

  @Test
  void aNewDifferenceRaisesOneAlertNamingTheAssetAndBothQuantities() throws Exception {
    Answering ledger = new Answering();
    List<Raised> raised = new ArrayList<>();
    DiscrepancyAlerts alerts = new DiscrepancyAlerts(ledger, (t, l, s, m) -> raised.add(new Raised(t, l, s, m)), Runnable::run);
    Map<AssetId, BigDecimal> reported = Map.of(AssetId.of("BTC"), new BigDecimal("0.6"));

    ledger.next = new AccountLedger.BalanceCheck(List.of(new AccountLedger.Discrepancy(AssetId.of("BTC"), new BigDecimal("0.5"),
        new BigDecimal("0.6"))), false);
    assertSame(ledger.next, alerts.report(ACCOUNT, "esplora", AS_OF, reported, true, java.util.Set.of()).toCompletableFuture().get(), "the ledger's answer passes through");
    assertEquals(List.of(new Raised(AlertType.RECONCILIATION_DISCREPANCY, AlertType.RECONCILIATION_DISCREPANCY.defaultLevel(), "account cold",
        "esplora reported balances on 2026-12-01T00:00:00Z that the ledger does not hold: BTC ledger 0.5, reported 0.6")), raised);

    ledger.next = new AccountLedger.BalanceCheck(ledger.next instanceof AccountLedger.BalanceCheck c ? c.discrepancies() : List.of(), true);
    alerts.report(ACCOUNT, "esplora", AS_OF, reported, true, java.util.Set.of()).toCompletableFuture().get();
    ledger.next = new AccountLedger.BalanceCheck(List.of(), false);
    alerts.report(ACCOUNT, "esplora", AS_OF, reported, true, java.util.Set.of()).toCompletableFuture().get();
    assertEquals(1, raised.size(), "a report already made, and a match, raise nothing: " + raised);
  }
}
