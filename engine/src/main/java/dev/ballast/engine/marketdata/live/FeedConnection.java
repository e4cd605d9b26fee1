package dev.ballast.engine.marketdata.live;

/** An open connection of a {@link MarketFeed}; closing it ends the listener's calls. */
public interface FeedConnection {
  void close();
}
