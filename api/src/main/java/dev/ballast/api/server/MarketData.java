package dev.ballast.api.server;

import com.typesafe.config.Config;
import dev.ballast.adapters.marketdata.SourceClient;
import dev.ballast.adapters.marketdata.SourceSettings;
import dev.ballast.adapters.marketdata.SourceStatus;
import dev.ballast.adapters.marketdata.binance.BinanceSource;
import dev.ballast.adapters.marketdata.coingecko.CoinGeckoSource;
import dev.ballast.adapters.marketdata.yahoo.YahooSource;
import dev.ballast.engine.asset.InMemoryAssetCatalog;
import dev.ballast.engine.marketdata.AssetSources;
import dev.ballast.engine.marketdata.MarketDataSource;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.marketdata.PriceStore;
import dev.ballast.persistence.marketdata.PriceSync;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market-data side of the server: the three sources behind their resilient clients (settings
 * from {@code ballast.market-data}), the price store, the sync and its periodic refresh.
 */
public final class MarketData implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MarketData.class);

  /** Read once from {@code ballast.market-data}. */
  public record Settings(Duration refreshInterval, LocalDate historyStart, List<AssetId> currencies,
      Map<AssetClass, Duration> staleAfter, Duration staleDefault, Map<String, SourceSettings> sources) {

    public static Settings from(Config config) {
      Config md = config.getConfig("ballast.market-data");
      Map<AssetClass, Duration> stale = new EnumMap<>(AssetClass.class);
      Config staleConfig = md.getConfig("stale-after");
      for (AssetClass c : AssetClass.values()) {
        if (staleConfig.hasPath(c.name())) {
          stale.put(c, staleConfig.getDuration(c.name()));
        }
      }
      Map<String, SourceSettings> sources = new LinkedHashMap<>();
      for (String name : AssetSources.KEYS) {
        Config s = md.getConfig(name);
        int perSecond = s.getInt("requests-per-second");
        sources.put(name, new SourceSettings(name, URI.create(s.getString("base-url")), s.getDuration("connect-timeout"),
            s.getDuration("read-timeout"), s.getInt("max-attempts"), s.getDuration("initial-backoff"), s.getDuration("max-retry-wait"),
            perSecond, Duration.ofSeconds(1), Duration.ofSeconds(30), s.getInt("breaker-window"), s.getDuration("breaker-open-for"),
            "Mozilla/5.0 (X11; Linux x86_64) Ballast"));
      }
      return new Settings(md.getDuration("refresh-interval"), LocalDate.parse(md.getString("history-start")),
          md.getStringList("currencies").stream().map(AssetId::of).toList(), stale, staleConfig.getDuration("default"), sources);
    }

    /** How old a price of an asset of this class may be before it is flagged stale. */
    public Duration staleAfter(AssetClass assetClass) {
      return staleAfter.getOrDefault(assetClass, staleDefault);
    }
  }

  private final Settings settings;
  private final Map<String, SourceClient> clients;
  private final Map<String, MarketDataSource> sources;
  private final PriceStore store;
  private final dev.ballast.persistence.valuation.KeptValueHistories keptHistories;
  private final PriceSync sync;
  private final InMemoryAssetCatalog catalog;
  private final ScheduledExecutorService timer;
  private final Clock clock;
  private final Duration callTimeout;
  private volatile Runnable afterSync = () -> {};

  public MarketData(Settings settings, Database database, InMemoryAssetCatalog catalog, Clock clock) {
    this.settings = settings;
    this.catalog = catalog;
    this.store = new PriceStore(database);
    this.keptHistories = new dev.ballast.persistence.valuation.KeptValueHistories(database, clock);
    this.clients = new LinkedHashMap<>();
    settings.sources().forEach((name, s) -> clients.put(name, new SourceClient(s, clock)));
    Map<String, MarketDataSource> built = new LinkedHashMap<>();
    built.put(AssetSources.YAHOO, new YahooSource(clients.get(AssetSources.YAHOO), identifier(AssetSources.YAHOO), clock));
    built.put(AssetSources.COINGECKO, new CoinGeckoSource(clients.get(AssetSources.COINGECKO), identifier(AssetSources.COINGECKO), clock));
    built.put(AssetSources.BINANCE, new BinanceSource(clients.get(AssetSources.BINANCE), identifier(AssetSources.BINANCE), clock));
    this.sources = Map.copyOf(built);
    Duration callTimeout = settings.sources().values().stream()
        .map(s -> s.readTimeout().plus(s.maxRetryWait()).multipliedBy(s.maxAttempts())).max(Duration::compareTo).orElse(Duration.ofMinutes(5));
    this.sync = new PriceSync(store, sources, clock, settings.historyStart(), callTimeout);
    this.clock = clock;
    this.callTimeout = callTimeout;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "price-refresh");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the periodic refresh of every asset's prices, unless its interval is zero. */
  public void startRefresh() {
    long every = settings.refreshInterval().toMillis();
    if (every <= 0) {
      LOG.info("price refresh is off (ballast.market-data.refresh-interval = 0)");
      return;
    }
    timer.scheduleWithFixedDelay(() -> {
      try {
        List<PriceSync.Outcome> out = syncAll(null, null);
        long failed = out.stream().filter(o -> o.status() == PriceSync.Outcome.Status.FAILED).count();
        LOG.info("price refresh: {} assets and pairs, {} failed", out.size(), failed);
        afterSync.run();
      } catch (RuntimeException e) {
        // the timer stops for good when its task throws: log and keep the next run
        LOG.warn("price refresh failed: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  /** What the periodic refresh runs after each sync: the split bookings into the ledgers, set by the price routes. */
  public void afterSync(Runnable work) {
    this.afterSync = work;
  }

  /** Syncs one asset (or all when null) from {@code from} (or the configured start). */
  public List<PriceSync.Outcome> syncAll(AssetId only, LocalDate from) {
    List<Asset> assets = only == null ? catalog.all() : catalog.find(only).map(List::of).orElse(List.of());
    List<AssetId> currencies = new ArrayList<>(settings.currencies());
    if (only == null) {
      catalog.all().forEach(a -> currencies.add(a.quoteCurrency()));
    }
    return sync.sync(assets, only == null ? currencies : List.of(), from);
  }

  /** Syncs the FX pairs USD/C of the configured currencies and every asset's quote currency. */
  public List<PriceSync.Outcome> syncFx(LocalDate from) {
    List<AssetId> currencies = new ArrayList<>(settings.currencies());
    catalog.all().forEach(a -> currencies.add(a.quoteCurrency()));
    return sync.sync(List.of(), currencies, from);
  }

  /**
   * Fetches a coin's daily market caps in {@code currency} from CoinGecko and stores them.
   *
   * @throws dev.ballast.engine.marketdata.PriceSourceException when CoinGecko fails or knows no such coin
   */
  public List<dev.ballast.engine.marketdata.MarketCap> syncMarketCaps(AssetId coin, AssetId currency, LocalDate from, LocalDate to) {
    List<dev.ballast.engine.marketdata.MarketCap> caps = await(sources.get(AssetSources.COINGECKO).marketCaps(coin, currency, from, to));
    store.saveMarketCaps(AssetSources.COINGECKO, caps, clock.instant());
    return caps;
  }

  /** Fetches the crypto market's totals and dominance from CoinGecko now and stores them. */
  public dev.ballast.engine.marketdata.CryptoMarket syncCryptoMarket() {
    dev.ballast.engine.marketdata.CryptoMarket market = await(sources.get(AssetSources.COINGECKO).cryptoMarket());
    store.saveCryptoMarket(AssetSources.COINGECKO, market, clock.instant());
    return market;
  }

  private <T> T await(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("coingecko did not answer within " + callTimeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public List<SourceStatus> status() {
    return clients.values().stream().map(SourceClient::status).toList();
  }

  /** How far the running price sync is (a request's or the periodic refresh's), or how the last one ended. */
  public PriceSync.Progress syncProgress() {
    return sync.progress();
  }

  /** The value histories computed so far, kept in the database (V21_3) so a restart does not compute them again. */
  public dev.ballast.persistence.valuation.KeptValueHistories keptHistories() {
    return keptHistories;
  }

  public PriceStore store() {
    return store;
  }

  public Settings settings() {
    return settings;
  }

  public Map<String, MarketDataSource> sources() {
    return sources;
  }

  private Function<AssetId, Optional<String>> identifier(String source) {
    return id -> catalog.find(id).flatMap(asset -> AssetSources.identifier(asset, source));
  }

  @Override
  public void close() {
    timer.shutdownNow();
    clients.values().forEach(SourceClient::close);
  }
}
