package dev.ballast.api.http.transactions;

import dev.ballast.engine.account.AccountLedger;
import java.util.List;

/**
 * The answer to a recorded batch: the new transactions' ids, the rows that were already recorded,
 * and whether the batch re-lotted the account (it had rows older than what was recorded).
 */
public record RecordedResponse(List<String> transactionIds, List<Duplicate> duplicates, boolean relotted) {

  /** A row whose source + external id the ledger already had, with the id it was recorded under. */
  public record Duplicate(int row, String source, String externalId, String transactionId) {}

  static RecordedResponse of(AccountLedger.Recorded recorded) {
    return new RecordedResponse(recorded.transactionIds(), recorded.duplicates().stream()
        .map(d -> new Duplicate(d.row(), d.source(), d.externalId(), d.transactionId())).toList(), recorded.relotted());
  }
}
