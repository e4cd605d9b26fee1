package dev.ballast.engine.account.sync;

import dev.ballast.engine.model.Transaction;
import java.util.List;
import java.util.Objects;

/**
 * A part of a venue's history, oldest first, and the cursor to ask from next. {@code more} is true
 * when the venue has further rows now (a full page); false means the sync is up to date.
 */
public record HistoryPage(List<Transaction> transactions, SyncCursor next, boolean more) {

  public HistoryPage {
    transactions = List.copyOf(transactions);
    Objects.requireNonNull(next, "next");
    for (int i = 0; i < transactions.size(); i++) {
      try {
        transactions.get(i).ref();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("history row " + (i + 1) + ": " + e.getMessage() + " (every synced row needs its source and venue id)");
      }
    }
  }
}
