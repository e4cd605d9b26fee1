package dev.ballast.adapters.feed.coinbase;

import dev.ballast.adapters.feed.WebSocketFeedClient;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.live.FeedConnection;
import dev.ballast.engine.marketdata.live.FeedListener;
import dev.ballast.engine.marketdata.live.MarketFeed;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Coinbase Advanced Trade's public ticker over its WebSocket ({@code wss://advanced-trade-ws.coinbase.com}),
 * and its market trades when {@code trades}.
 */
public final class CoinbaseTickerFeed implements MarketFeed {
  public static final URI PRODUCTION = URI.create("wss://advanced-trade-ws.coinbase.com");

  private final WebSocketFeedClient client;
  private final URI uri;
  private final boolean trades;

  public CoinbaseTickerFeed(WebSocketFeedClient client, URI uri) {
    this(client, uri, false);
  }

  public CoinbaseTickerFeed(WebSocketFeedClient client, URI uri, boolean trades) {
    this.client = client;
    this.uri = uri;
    this.trades = trades;
  }

  @Override
  public String name() {
    return "coinbase";
  }

  @Override
  public CompletionStage<FeedConnection> connect(Set<InstrumentId> instruments, FeedListener listener) {
    Set<InstrumentId> wanted = Set.copyOf(instruments);
    return client.open(name(), uri, CoinbaseTickerMapping.subscriptions(wanted, trades), text -> CoinbaseTickerMapping.frame(text, wanted), listener);
  }
}
