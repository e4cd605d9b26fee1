package dev.ballast.engine.account.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccountAdapter} does. An adapter's test extends this with an adapter over a
 * venue (a loopback server in the venue's format) holding the given history and balances, read in
 * pages smaller than the history so that paging is exercised.
 */
public abstract class AccountAdapterContract {

  /** An adapter whose venue holds this history, oldest first, and these balances. */
  protected abstract AccountAdapter adapterWith(List<Transaction> history, List<Balance> balances);

  /** An adapter whose next call fails with this error. */
  protected abstract AccountAdapter adapterFailingWith(AccountAdapterError error);

  protected static List<Transaction> history(int rows) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 1; i <= rows; i++) {
      txs.add(Fixtures.deposit(Fixtures.at(-rows + i), "venue-" + i, Integer.toString(i), "JPY"));
    }
    return txs;
  }

  protected static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError("the adapter did not answer", e);
    }
  }

  /** Follows the cursor from {@code cursor} until the venue has nothing more. */
  protected static List<Transaction> readFrom(AccountAdapter adapter, SyncCursor cursor) {
    List<Transaction> read = new ArrayList<>();
    for (int pages = 0; pages < 10_000; pages++) {
      HistoryPage page = await(adapter.transactionsSince(cursor));
      read.addAll(page.transactions());
      cursor = page.next();
      if (!page.more()) {
        return read;
      }
    }
    throw new AssertionError("the history never ended");
  }

  @Test
  void followingTheCursorFromTheStartReadsTheWholeHistoryOnceInOrder() {
    List<Transaction> history = history(25);
    assertEquals(history, readFrom(adapterWith(history, List.of()), SyncCursor.START));
  }

  @Test
  void askingAgainFromASavedCursorGivesTheSameRowsAndThenTheRest() {
    List<Transaction> history = history(25);
    AccountAdapter adapter = adapterWith(history, List.of());
    HistoryPage first = await(adapter.transactionsSince(SyncCursor.START));
    assertTrue(first.more(), "the history is longer than one page");
    // a sync that stopped after the first page and restarts from the cursor it persisted
    List<Transaction> afterRestart = readFrom(adapter, first.next());
    assertEquals(history.subList(first.transactions().size(), history.size()), afterRestart);
    assertEquals(first.transactions(), await(adapter.transactionsSince(SyncCursor.START)).transactions());
  }

  @Test
  void atTheEndThereIsNothingMore() {
    AccountAdapter adapter = adapterWith(history(3), List.of());
    SyncCursor end = SyncCursor.START;
    HistoryPage page;
    do {
      page = await(adapter.transactionsSince(end));
      end = page.next();
    } while (page.more());
    HistoryPage again = await(adapter.transactionsSince(end));
    assertEquals(List.of(), again.transactions());
    assertFalse(again.more());
  }

  @Test
  void balancesAreWhatTheVenueHolds() {
    List<Balance> balances = List.of(
        new Balance(AssetId.of("BTC"), Quantity.of("1.5"), Quantity.of("1.2"), Quantity.of("0.3")), Balance.of(AssetId.of("JPY"), Quantity.of("1000")));
    assertEquals(balances, await(adapterWith(List.of(), balances).balances()));
  }

  @Test
  void aRateLimitIsATypedFailure() {
    AccountAdapterError limit = new AccountAdapterError.RateLimited(Duration.ofSeconds(60));
    CompletionException e = assertThrows(CompletionException.class, () -> await(adapterFailingWith(limit).transactionsSince(SyncCursor.START)));
    assertEquals(limit, assertInstanceOf(AccountAdapterException.class, e.getCause()).error());
  }
}
