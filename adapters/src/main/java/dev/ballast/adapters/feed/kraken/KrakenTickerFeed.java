package dev.ballast.adapters.feed.kraken;

import dev.ballast.adapters.feed.WebSocketFeedClient;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.live.FeedConnection;
import dev.ballast.engine.marketdata.live.FeedListener;
import dev.ballast.engine.marketdata.live.MarketFeed;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Kraken's public ticker, and its trades as last prices when asked for, over its WebSocket v2 ({@code wss://ws.kraken.com/v2}). */
public final class KrakenTickerFeed implements MarketFeed {
  public static final URI PRODUCTION = URI.create("wss://ws.kraken.com/v2");

  private final WebSocketFeedClient client;
  private final URI uri;
  private final Clock clock;
  private final boolean trades;

  public KrakenTickerFeed(WebSocketFeedClient client, URI uri, Clock clock) {
    this(client, uri, clock, false);
  }

  /** @param trades whether each trade is a quote too (its last price, between two tickers) */
  public KrakenTickerFeed(WebSocketFeedClient client, URI uri, Clock clock, boolean trades) {
    this.client = client;
    this.uri = uri;
    this.clock = clock;
    this.trades = trades;
  }

  @Override
  public String name() {
    return "kraken";
  }

  @Override
  public CompletionStage<FeedConnection> connect(Set<InstrumentId> instruments, FeedListener listener) {
    Set<InstrumentId> wanted = Set.copyOf(instruments);
    List<String> subscriptions = trades ? List.of(KrakenTickerMapping.subscription(wanted), KrakenTickerMapping.tradeSubscription(wanted))
        : List.of(KrakenTickerMapping.subscription(wanted));
    return client.open(name(), uri, subscriptions,
        text -> KrakenTickerMapping.frame(text, wanted, clock.instant()), listener);
  }
}
