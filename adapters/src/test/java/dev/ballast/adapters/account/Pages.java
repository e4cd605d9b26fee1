package dev.ballast.adapters.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.account.sync.AccountAdapter;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.ExternalRef;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A sync's pages read one after another as the sync actor reads them (each page from the last
 * one's cursor, while {@code more}), with the ledger's idempotence by venue id: what each page
 * records anew, in order.
 */
public final class Pages {
  /** The pages read and the rows each recorded anew (those the ledger did not have yet). */
  public record Drained(List<HistoryPage> pages, List<List<Transaction>> fresh, SyncCursor last) {
    public List<ExternalRef> recorded() {
      return fresh.stream().flatMap(List::stream).map(Transaction::ref).toList();
    }
  }

  private Pages() {}

  public static Drained drain(AccountAdapter adapter, SyncCursor from, int maxPages) throws Exception {
    return drain(adapter, from, maxPages, InputLimits.MAX_BATCH_ROWS);
  }

  /** Reads until a page says no more; every page holds at most {@code batch} rows. */
  public static Drained drain(AccountAdapter adapter, SyncCursor from, int maxPages, int batch) throws Exception {
    Set<ExternalRef> ledger = new LinkedHashSet<>();
    List<HistoryPage> pages = new ArrayList<>();
    List<List<Transaction>> fresh = new ArrayList<>();
    SyncCursor cursor = from;
    for (int i = 0; i < maxPages; i++) {
      HistoryPage page = adapter.transactionsSince(cursor).toCompletableFuture().get(120, TimeUnit.SECONDS);
      assertTrue(page.transactions().size() <= batch, "page " + (i + 1) + " holds " + page.transactions().size() + " rows, more than a batch of " + batch);
      List<Transaction> added = new ArrayList<>();
      for (Transaction t : page.transactions()) {
        if (ledger.add(t.ref())) {
          added.add(t);
        }
      }
      pages.add(page);
      fresh.add(added);
      cursor = page.next();
      if (!page.more()) {
        return new Drained(pages, fresh, cursor);
      }
    }
    throw new AssertionError("still more after " + maxPages + " pages (cursor " + cursor + ")");
  }

  /** Every row recorded exactly once, in the order expected. */
  public static void assertRecordedOnceInOrder(List<ExternalRef> expected, Drained drained) {
    List<ExternalRef> got = drained.recorded();
    for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
      if (!expected.get(i).equals(got.get(i))) {
        throw new AssertionError("row " + (i + 1) + " recorded: " + got.get(i) + ", expected " + expected.get(i) + " (of " + expected.size() + ", "
            + got.size() + " recorded; " + drained.pages().size() + " pages)");
      }
    }
    assertEquals(expected.size(), got.size(), "rows recorded");
  }
}
