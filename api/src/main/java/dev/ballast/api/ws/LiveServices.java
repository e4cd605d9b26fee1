package dev.ballast.api.ws;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import dev.ballast.adapters.feed.WebSocketFeedClient;
import dev.ballast.adapters.feed.binance.BinanceTickerFeed;
import dev.ballast.adapters.feed.coinbase.CoinbaseTickerFeed;
import dev.ballast.adapters.feed.kraken.KrakenTickerFeed;
import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.TokenCache;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.live.FeedGaps;
import dev.ballast.engine.marketdata.live.FeedMetrics;
import dev.ballast.engine.marketdata.live.FeedSupervisor;
import dev.ballast.engine.marketdata.live.FixedFxRates;
import dev.ballast.engine.marketdata.live.LiveValuation;
import dev.ballast.engine.marketdata.live.MarketFeed;
import dev.ballast.engine.marketdata.live.PriceBus;
import dev.ballast.engine.marketdata.live.SyntheticQuotes;
import dev.ballast.engine.model.FxRate;
import dev.ballast.persistence.auth.ApiTokenRepository;
import dev.ballast.persistence.query.BallastQueries;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.stream.Materializer;

/**
 * The live side of the server, started once: the PriceBus, the feeds configured under
 * {@code ballast.feeds}, the live valuation, and the hub behind {@code /ws}.
 */
public final class LiveServices {
  private final PriceBus bus;
  private final LiveValuation valuation;
  private final LiveHub hub;
  private final WsRoutes routes;
  private final Map<String, FeedMetrics> feeds;
  private final Map<String, ActorRef<FeedGaps.Command>> gaps;

  private LiveServices(PriceBus bus, LiveValuation valuation, LiveHub hub, WsRoutes routes, Map<String, FeedMetrics> feeds,
      Map<String, ActorRef<FeedGaps.Command>> gaps) {
    this.bus = bus;
    this.valuation = valuation;
    this.hub = hub;
    this.routes = routes;
    this.feeds = feeds;
    this.gaps = gaps;
  }

  public static LiveServices start(ActorSystem<?> system, Config config, ApiContext context, BallastQueries queries, ApiTokenRepository tokens,
      Duration tokenTtl, Clock clock) {
    return start(system, config, context, queries, tokens, tokenTtl, clock, java.util.Map.of(), null, null);
  }

  /**
   * @param histories the REST price sources by name; a live feed's gaps are back-filled from the one its
   *     {@code backfill-source} names (the binance feed: {@code binance} unless set), into {@code backfill}
   * @param backfill where back-filled bars are kept; null: gaps are recorded only
   * @param store the price store a replay may play from; null: only a replay file
   */
  public static LiveServices start(ActorSystem<?> system, Config config, ApiContext context, BallastQueries queries, ApiTokenRepository tokens,
      Duration tokenTtl, Clock clock, java.util.Map<String, ? extends dev.ballast.engine.marketdata.PriceSource> histories,
      dev.ballast.engine.marketdata.live.BackfillStore backfill, dev.ballast.persistence.marketdata.PriceStore store) {
    Materializer materializer = Materializer.matFromSystem(system);
    Config feeds = config.getConfig("ballast.feeds");
    PriceBus bus = PriceBus.start(materializer, PriceBus.Settings.DEFAULT);
    List<FxRate> rates = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> entry : feeds.getConfig("fx-rates").root().entrySet()) {
      InstrumentId pair = InstrumentId.parse(entry.getKey().replace("\"", ""));
      rates.add(new FxRate(pair.base(), pair.quote(), new BigDecimal(entry.getValue().unwrapped().toString())));
    }
    LiveValuation valuation = LiveValuation.start(materializer, bus, new ReadSideHoldings(queries, context.blocking()), new FixedFxRates(rates),
        new LiveValuation.Settings(feeds.getDuration("valuation.min-interval"), feeds.getDuration("valuation.holdings-refresh")), clock);

    if (feeds.getBoolean("synthetic.enabled")) {
      SyntheticQuotes.Settings synthetic = synthetic(feeds.getConfig("synthetic"), clock);
      bus.publish(SyntheticQuotes.source(synthetic).throttle(feeds.getInt("synthetic.ticks-per-second"), Duration.ofSeconds(1)));
    }
    if (feeds.hasPath("replay.enabled") && feeds.getBoolean("replay.enabled")) {
      bus.publish(replay(feeds.getConfig("replay"), store));
    }
    Map<String, FeedMetrics> metrics = new java.util.TreeMap<>();
    Map<String, ActorRef<FeedGaps.Command>> gapEntities = new java.util.TreeMap<>();
    WebSocketFeedClient client = new WebSocketFeedClient(HttpClient.newHttpClient(), feeds.getDuration("connect-timeout"));
    for (String name : List.of("coinbase", "binance", "kraken")) {
      Config feed = feeds.getConfig(name);
      if (!feed.getBoolean("enabled")) {
        continue;
      }
      URI uri = URI.create(feed.getString("uri"));
      boolean trades = feed.hasPath("trades") && feed.getBoolean("trades");
      MarketFeed market = switch (name) {
        case "coinbase" -> new CoinbaseTickerFeed(client, uri, trades);
        case "binance" -> new BinanceTickerFeed(client, uri, trades);
        default -> new KrakenTickerFeed(client, uri, clock, trades);
      };
      Set<InstrumentId> instruments = new LinkedHashSet<>();
      feed.getStringList("instruments").forEach(i -> instruments.add(InstrumentId.parse(i)));
      FeedMetrics counters = new FeedMetrics();
      metrics.put(name, counters);
      // each feed's gaps come from its own venue's REST history unless backfill-source names another source or ""
      String from = feed.hasPath("backfill-source") ? feed.getString("backfill-source") : name;
      dev.ballast.engine.marketdata.PriceSource history = backfill == null || from.isEmpty() ? null
          : !from.equals(name) || name.equals("binance") ? histories.get(from) : venueHistory(system, name, feed, feeds, clock);
      if (!from.isEmpty() && backfill != null && history == null) {
        throw new IllegalArgumentException("ballast.feeds." + name + ".backfill-source: no price source \"" + from + "\"; one of "
            + new java.util.TreeSet<>(histories.keySet()) + " or \"\"");
      }
      ActorRef<FeedGaps.Command> gaps = system.systemActorOf(FeedGaps.create(name, history, history == null ? null : backfill),
          "feed-gaps-" + name, Props.empty());
      gapEntities.put(name, gaps);
      system.systemActorOf(FeedSupervisor.create(market, new FeedSupervisor.Settings(instruments, feeds.getDuration("min-backoff"),
          feeds.getDuration("max-backoff"), 20, feeds.getDuration("heartbeat-timeout"), 1024), bus.sink(), gaps, counters, clock),
          "feed-" + name, Props.empty());
    }
    LiveHub hub = new LiveHub(materializer, context.json(), bus, valuation);
    WsRoutes routes = new WsRoutes(context, hub, tokens, new TokenCache(Clock.systemUTC(), tokenTtl), materializer,
        WsRoutes.Settings.from(config), clock);
    return new LiveServices(bus, valuation, hub, routes, metrics, gapEntities);
  }

  /**
   * The coinbase feed's Advanced Trade public candles or the kraken feed's public OHLC, at
   * {@code rest-uri} (the venue's own host by default), with the price sources' timeouts and retries.
   */
  static dev.ballast.engine.marketdata.PriceSource venueHistory(ActorSystem<?> system, String name, Config feed, Config feeds, Clock clock) {
    URI base = feed.hasPath("rest-uri") ? URI.create(feed.getString("rest-uri"))
        : name.equals("coinbase") ? dev.ballast.adapters.feed.coinbase.CoinbaseCandles.PRODUCTION : dev.ballast.adapters.feed.kraken.KrakenOhlc.PRODUCTION;
    dev.ballast.adapters.marketdata.SourceClient client = new dev.ballast.adapters.marketdata.SourceClient(
        dev.ballast.adapters.marketdata.SourceSettings.defaults(name + "-history", base)
            .withTimeouts(feeds.getDuration("connect-timeout"), feeds.getDuration("connect-timeout")), clock);
    system.getWhenTerminated().thenRun(client::close);
    return name.equals("coinbase") ? new dev.ballast.adapters.feed.coinbase.CoinbaseCandles(client, clock)
        : new dev.ballast.adapters.feed.kraken.KrakenOhlc(client, clock);
  }

  /**
   * The synthetic feed's settings: {@code instruments} SYN0..SYNn/USD at 100 on a clock of their
   * own, or, with {@code prices} (instrument = start price), those instruments with quotes stamped
   * on the server's clock at the pace they are sent, as a demo's risk gate expects fresh prices.
   */
  static SyntheticQuotes.Settings synthetic(Config c, Clock clock) {
    if (!c.hasPath("prices")) {
      return SyntheticQuotes.Settings.demo(c.getInt("instruments"), c.getLong("seed"));
    }
    List<dev.ballast.engine.marketdata.InstrumentId> ids = new java.util.ArrayList<>();
    List<java.math.BigDecimal> starts = new java.util.ArrayList<>();
    new java.util.TreeMap<>(c.getConfig("prices").root().unwrapped()).forEach((instrument, price) -> {
      ids.add(InstrumentId.parse(instrument));
      starts.add(new java.math.BigDecimal(String.valueOf(price)));
    });
    java.math.BigDecimal volatility = new java.math.BigDecimal(c.hasPath("volatility") ? c.getString("volatility") : "0.6");
    // the generator's log drift is drift - sigma^2/2: this drift keeps prices level on average
    java.math.BigDecimal drift = volatility.multiply(volatility).divide(java.math.BigDecimal.valueOf(2));
    Duration step = Duration.ofNanos(1_000_000_000L * ids.size() / c.getInt("ticks-per-second"));
    return new SyntheticQuotes.Settings(ids, starts, drift, volatility, new java.math.BigDecimal("0.5"), 10, 2, step, clock.instant(),
        c.getLong("seed"));
  }

  public PriceBus bus() {
    return bus;
  }

  public LiveValuation valuation() {
    return valuation;
  }

  /** Where orders and decisions are published for {@code /ws}; the lead wires the entities to it. */
  public LivePublisher publisher() {
    return hub;
  }

  public WsRoutes routes() {
    return routes;
  }

  public Map<String, FeedMetrics> feeds() {
    return feeds;
  }

  /** Each enabled feed's {@link FeedGaps} entity. */
  public Map<String, ActorRef<FeedGaps.Command>> gaps() {
    return gaps;
  }


  /**
   * The replay of {@code ballast.feeds.replay}: a file, or the price store's daily closes when no
   * file is named. Everything is read before the server takes a price from it, so a bad row stops
   * the start naming its line and field instead of half a replay.
   */
  static org.apache.pekko.stream.javadsl.Source<dev.ballast.engine.marketdata.Quote, org.apache.pekko.NotUsed> replay(Config replay,
      dev.ballast.persistence.marketdata.PriceStore store) {
    String file = replay.getString("file");
    List<String> stored = replay.hasPath("store.instruments") ? replay.getStringList("store.instruments") : List.of();
    if (file.isBlank() && stored.isEmpty()) {
      throw new IllegalArgumentException("ballast.feeds.replay: neither a file nor store.instruments to replay is set");
    }
    BigDecimal speed;
    try {
      speed = new BigDecimal(replay.getString("speed"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("ballast.feeds.replay.speed: not a number: " + replay.getString("speed"));
    }
    if (speed.signum() < 0) {
      throw new IllegalArgumentException("ballast.feeds.replay.speed: must not be negative, got " + speed);
    }
    if (file.isBlank()) {
      return dev.ballast.engine.marketdata.live.ReplayQuotes.source(storedCloses(replay.getConfig("store"), stored, store), speed);
    }
    Duration length = replay.getDuration("bar-interval");
    dev.ballast.engine.marketdata.BarInterval interval = java.util.Arrays.stream(dev.ballast.engine.marketdata.BarInterval.values())
        .filter(i -> i.length().equals(length)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("ballast.feeds.replay.bar-interval: " + length + " is not one of 1m, 5m, 15m, 1h, 4h, 1d, 7d"));
    List<dev.ballast.engine.marketdata.Quote> quotes;
    try {
      quotes = new dev.ballast.adapters.feed.replay.ReplayCsvReader(interval).read(java.nio.file.Path.of(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("ballast.feeds.replay.file: cannot read " + file, e);
    }
    return dev.ballast.engine.marketdata.live.ReplayQuotes.source(quotes, speed);
  }

  /** Each stored daily bar's close as a last price at the end of its date (UTC), oldest first. */
  static List<dev.ballast.engine.marketdata.Quote> storedCloses(Config c, List<String> instruments,
      dev.ballast.persistence.marketdata.PriceStore store) {
    if (store == null) {
      throw new IllegalArgumentException("ballast.feeds.replay.store: this server has no price store");
    }
    java.time.LocalDate from;
    java.time.LocalDate to;
    try {
      from = java.time.LocalDate.parse(c.getString("from"));
      to = java.time.LocalDate.parse(c.getString("to"));
    } catch (java.time.format.DateTimeParseException | com.typesafe.config.ConfigException e) {
      throw new IllegalArgumentException("ballast.feeds.replay.store.from and .to: dates (YYYY-MM-DD) are needed: " + e.getMessage());
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("ballast.feeds.replay.store: to " + to + " is before from " + from);
    }
    List<dev.ballast.engine.marketdata.Quote> quotes = new ArrayList<>();
    for (String name : instruments) {
      InstrumentId instrument;
      try {
        instrument = InstrumentId.parse(name);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("ballast.feeds.replay.store.instruments: \"" + name + "\" is not BASE/QUOTE");
      }
      List<dev.ballast.persistence.marketdata.StoredBar> bars = store.bars(instrument, from, to);
      if (bars.isEmpty()) {
        throw new IllegalArgumentException("ballast.feeds.replay.store: no stored bars of " + instrument + " from " + from + " to " + to);
      }
      for (dev.ballast.persistence.marketdata.StoredBar bar : bars) {
        quotes.add(dev.ballast.engine.marketdata.Quote.last(instrument, new dev.ballast.engine.model.Price(bar.close(), instrument.quote()),
            bar.date().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
      }
    }
    return quotes;
  }
}
