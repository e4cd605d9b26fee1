package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.marketdata.InstrumentId;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Port: a live market feed (a venue's public WebSocket). One call opens one connection and
 * subscribes; what arrives on it is handed to the listener in order, from one thread at a time,
 * until the connection ends. Reconnecting is not the feed's job: the {@link FeedSupervisor} that
 * runs it connects again, with backoff.
 */
public interface MarketFeed {

  /** The feed's name in settings, logs, events and metrics ({@code coinbase}, {@code binance}). */
  String name();

  /**
   * Connects and subscribes to {@code instruments}. The stage completes once the subscription is
   * sent, or fails with a {@link MarketFeedException}; an instrument the venue has no symbol for
   * fails it with {@link MarketFeedException.Reason#UNKNOWN_INSTRUMENT}.
   */
  CompletionStage<FeedConnection> connect(Set<InstrumentId> instruments, FeedListener listener);
}
