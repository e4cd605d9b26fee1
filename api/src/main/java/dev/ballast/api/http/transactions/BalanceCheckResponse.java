package dev.ballast.api.http.transactions;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a balance report: every asset whose reported quantity differs from the ledger's.
 * {@code alreadyReported} is true when the source had reported as of this instant or later, so
 * nothing was recorded again.
 */
public record BalanceCheckResponse(List<Discrepancy> discrepancies, boolean alreadyReported) {

  public record Discrepancy(String accountId, String source, Instant asOf, String asset, BigDecimal ledgerQuantity, BigDecimal reportedQuantity) {}

  static BalanceCheckResponse of(AccountId account, String source, Instant asOf, AccountLedger.BalanceCheck check) {
    return new BalanceCheckResponse(check.discrepancies().stream()
        .map(d -> new Discrepancy(account.value(), source, asOf, d.asset().value(), d.ledgerQuantity(), d.reportedQuantity()))
        .toList(), check.alreadyReported());
  }
}
