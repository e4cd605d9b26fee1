package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.marketdata.Quote;

/** Where a {@link MarketFeed} connection hands what it receives. */
public interface FeedListener {

  /** A price. */
  void onQuote(Quote quote);

  /** A sign of life that is not a price (a heartbeat, a subscription confirmation). */
  void onHeartbeat();

  /** A message that is not in the venue's format, skipped; {@code reason} never quotes a secret. */
  void onMalformed(String reason);

  /** The connection ended (closed by the venue, dropped, or failed). */
  void onClosed(String reason);
}
