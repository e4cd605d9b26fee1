package dev.ballast.engine.account.sync;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Port: one account at one venue read through its API. A failure completes the stage
 * exceptionally with an {@link AccountAdapterException} whose {@link AccountAdapterError} the sync
 * actor decides on (back off, report the credentials wrong).
 */
public interface AccountAdapter {

  /** The venue's name in settings and logs ({@code binance}, {@code esplora}). */
  String venue();

  /** What the venue says is held now, one balance per asset, assets as canonical ids. */
  CompletionStage<List<Balance>> balances();

  /**
   * Whether {@link #balances()} lists every asset the venue holds, leaving out only those it holds
   * none of (an exchange's balance list): then an asset the ledger holds that the list omits is
   * compared as zero, a discrepancy when the ledger holds some. False for an adapter that reads
   * only some assets (configured tokens, a statement without positions): only what it lists is
   * compared. Asked after {@link #balances()}.
   */
  default boolean listsEveryHolding() {
    return true;
  }

  /** Assets the venue may hold but {@link #balances()} never lists (a short position): not compared when omitted. Asked after it. */
  default java.util.Set<dev.ballast.engine.model.AssetId> neverListed() {
    return java.util.Set.of();
  }

  /**
   * The transactions after {@code cursor} (all of them from {@link SyncCursor#START}), oldest first,
   * each with its source and the venue's id. Asking again from the same cursor gives the same rows,
   * so a sync that stopped midway repeats rows the ledger then acknowledges without recording.
   */
  CompletionStage<HistoryPage> transactionsSince(SyncCursor cursor);
}
