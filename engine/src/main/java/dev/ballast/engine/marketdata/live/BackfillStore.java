package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.marketdata.OhlcBar;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Port: where bars fetched to fill a feed's gap are kept (the price store); completes with the bars stored. */
public interface BackfillStore {
  CompletionStage<Integer> store(String feed, List<OhlcBar> bars);
}
