package dev.ballast.engine.account.sync;

import dev.ballast.engine.model.Transaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Test double of {@link AccountAdapter}: a venue history in memory, read in pages of a fixed size;
 * its cursor is the number of rows already read. Rows can be appended while a sync runs, and the
 * next calls can be told to fail. Shared through the engine test-jar.
 */
public final class InMemoryAccountAdapter implements AccountAdapter {
  private final String venue;
  private final int pageSize;
  private final List<Transaction> history = new ArrayList<>();
  private List<Balance> balances = List.of();
  private final Deque<AccountAdapterError> failures = new ArrayDeque<>();

  public InMemoryAccountAdapter(String venue, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be 1 or more");
    }
    this.venue = venue;
    this.pageSize = pageSize;
  }

  /** Appends rows to the venue's history, as new trades would. */
  public synchronized InMemoryAccountAdapter withHistory(List<Transaction> rows) {
    history.addAll(rows);
    return this;
  }

  public synchronized InMemoryAccountAdapter withBalances(List<Balance> now) {
    balances = List.copyOf(now);
    return this;
  }

  public synchronized InMemoryAccountAdapter failNext(AccountAdapterError error) {
    failures.add(error);
    return this;
  }

  @Override
  public String venue() {
    return venue;
  }

  @Override
  public synchronized CompletionStage<List<Balance>> balances() {
    if (!failures.isEmpty()) {
      return failed(failures.poll());
    }
    return CompletableFuture.completedFuture(balances);
  }

  @Override
  public synchronized CompletionStage<HistoryPage> transactionsSince(SyncCursor cursor) {
    if (!failures.isEmpty()) {
      return failed(failures.poll());
    }
    int from;
    try {
      from = cursor.isStart() ? 0 : Integer.parseInt(cursor.value());
    } catch (NumberFormatException e) {
      return failed(new AccountAdapterError.Malformed("not a cursor of this venue: " + cursor));
    }
    if (from < 0 || from > history.size()) {
      return failed(new AccountAdapterError.Malformed("cursor " + cursor + " is beyond the history"));
    }
    int to = Math.min(history.size(), from + pageSize);
    return CompletableFuture.completedFuture(
        new HistoryPage(history.subList(from, to), new SyncCursor(Integer.toString(to)), to < history.size()));
  }

  private <T> CompletionStage<T> failed(AccountAdapterError error) {
    return CompletableFuture.failedFuture(new AccountAdapterException(venue, error));
  }
}
