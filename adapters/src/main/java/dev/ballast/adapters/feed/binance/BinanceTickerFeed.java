package dev.ballast.adapters.feed.binance;

import dev.ballast.adapters.feed.WebSocketFeedClient;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.live.FeedConnection;
import dev.ballast.engine.marketdata.live.FeedListener;
import dev.ballast.engine.marketdata.live.MarketFeed;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Binance spot 24hr tickers, and its trades as last prices when asked for, over its combined
 * WebSocket stream; the streams are named in the address, nothing is sent.
 */
public final class BinanceTickerFeed implements MarketFeed {
  public static final URI PRODUCTION = URI.create("wss://stream.binance.com:9443/stream");

  private final WebSocketFeedClient client;
  private final URI base;
  private final boolean trades;

  public BinanceTickerFeed(WebSocketFeedClient client, URI base) {
    this(client, base, false);
  }

  /** @param trades whether each trade is a quote too (its last price, between two tickers) */
  public BinanceTickerFeed(WebSocketFeedClient client, URI base, boolean trades) {
    this.client = client;
    this.base = base;
    this.trades = trades;
  }

  @Override
  public String name() {
    return "binance";
  }

  @Override
  public CompletionStage<FeedConnection> connect(Set<InstrumentId> instruments, FeedListener listener) {
    Map<String, InstrumentId> symbols = BinanceTickerMapping.symbols(instruments);
    return client.open(name(), BinanceTickerMapping.streamUri(base, instruments, trades), List.of(), text -> BinanceTickerMapping.frame(text, symbols),
        listener);
  }
}
