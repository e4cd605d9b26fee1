package dev.ballast.engine.report;

import dev.ballast.engine.analytics.account.LedgerEntry;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.model.AssetId;
import java.time.Instant;
import java.util.List;

/**
 * An account's holdings as they stood at an instant: its ledger up to then, applied to an empty
 * book in ledger order, as the account entity applies it.
 */
public final class PositionsAsOf {
  private PositionsAsOf() {}

  /**
   * The non-zero holdings (cash first, then by asset) after every entry strictly before {@code end}.
   * {@code ledger} is in ledger order (time, then recording order), as the read side lists it.
   */
  public static List<PositionSummary> of(AssetId accountCurrency, boolean allowShort, List<LedgerEntry> ledger, Instant end) {
    LedgerBook book = LedgerBook.empty(accountCurrency, allowShort);
    for (LedgerEntry e : ledger) {
      if (!e.transaction().timestamp().isBefore(end)) {
        continue;
      }
      book = book.next(e.transactionId(), e.transaction());
    }
    return book.summaries().stream().filter(p -> p.quantity().signum() != 0).toList();
  }
}
