package dev.ballast.api.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.ApiRoutes;
import dev.ballast.api.ws.LiveServices;
import dev.ballast.api.http.TokenCache;
import dev.ballast.api.http.accounts.AccountRoutes;
import dev.ballast.api.http.assets.AssetRoutes;
import dev.ballast.api.http.audit.AuditRoutes;
import dev.ballast.api.http.imports.ImportRoutes;
import dev.ballast.api.http.imports.ImportSettings;
import dev.ballast.api.http.metrics.MetricsRoutes;
import dev.ballast.api.http.portfolios.PortfolioRoutes;
import dev.ballast.api.http.prices.PriceRoutes;
import dev.ballast.api.http.valuation.ValuationRoutes;
import dev.ballast.api.http.transactions.TransactionRoutes;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.account.ReadJournalAccountHistory;
import dev.ballast.engine.asset.InMemoryAssetCatalog;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.persistence.asset.AssetRepository;
import dev.ballast.persistence.audit.JournalAudit;
import dev.ballast.persistence.auth.ApiTokenRepository;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.readside.JdbcReadSideRepository;
import dev.ballast.persistence.readside.ReadSideProjections;
import dev.ballast.persistence.readside.ReadSideSettings;
import dev.ballast.persistence.readside.ReadSideStatus;
import dev.ballast.persistence.readside.SliceCount;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: the database migrated, the actor system joined to its cluster (itself, by
 * default), the entities registered with sharding, the projections running, and the HTTP API bound.
 */
public final class BallastServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BallastServer.class);

  private final ActorSystem<Void> system;
  private final Database database;
  private final ServerBinding binding;
  private final Path dataDir;
  private final Optional<String> newAdminToken;
  private final ReadSideStatus readSide;
  private TradingSetup trading;
  private dev.ballast.api.ws.LivePublisher live;
  private dev.ballast.engine.marketdata.live.PriceBus priceBus;

  private BallastServer(ActorSystem<Void> system, Database database, ServerBinding binding, Path dataDir, Optional<String> newAdminToken,
      ReadSideStatus readSide) {
    this.system = system;
    this.database = database;
    this.binding = binding;
    this.dataDir = dataDir;
    this.newAdminToken = newAdminToken;
    this.readSide = readSide;
  }

  public static BallastServer start(Config config, Clock clock) throws IOException {
    Path dataDir = BallastConfig.dataDir(config);
    DataDirectory.create(dataDir);
    Path logFile = LogFiles.install(dataDir, config);
    Database database = Database.open(BallastConfig.database(config));
    ActorSystem<Void> system = null;
    try {
      database.migrate();
      DataDirectory.restrictFiles(dataDir);
      system = ActorSystem.create(Behaviors.empty(), "ballast", config);
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));

      ObjectMapper json = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-json", Optional.empty());
      AssetRepository assets = new AssetRepository(database, json);
      List<Asset> known = new ArrayList<>(AssetSettings.from(config));
      known.addAll(assets.all());
      InMemoryAssetCatalog catalog = new InMemoryAssetCatalog(known);

      ReadSideSettings readSideSettings = ReadSideSettings.from(config);
      ReadSideProjections.createOffsetTables(system, database);
      // before any entity writes: the slice count its events are tagged with is fixed per database
      Slices slices = SliceCount.fix(database, readSideSettings.slices());
      AccountLedger.init(system, new AccountLedger.Settings(clock, catalog::contains,
          config.getDuration("ballast.ledger.future-tolerance"), config.getInt("ballast.ledger.snapshot-every"), slices,
          ReadJournalAccountHistory::forJournalOf));
      Portfolio.init(system, clock, config.getInt("ballast.portfolio.snapshot-every"), slices);
      dev.ballast.engine.report.TradeAnnotations.init(system, clock); // reports (issue 15)
      dev.ballast.engine.regime.MarketRegime.init(system, regimeSettings(config), clock); // strategies (issue 11)
      TradingSetup trading = TradingSetup.start(system, config, clock, slices, new ConfigFxRates(config.getConfig("ballast.trading.fx")),
          database, json);
      ReadSideStatus readSide = new ReadSideStatus();
      if (readSideSettings.projections()) {
        new ReadSideProjections(system, database, new JdbcReadSideRepository(json), readSideSettings, slices, readSide).start();
        new dev.ballast.persistence.execution.TradingProjections(system, database, json, trading::venueName, readSideSettings, slices, readSide)
            .start();
        new dev.ballast.persistence.report.AnnotationProjections(system, database, json, readSideSettings, readSide).start(); // issue 15
      } else {
        LOG.warn("read-side projections are off (ballast.read-side.projections): lists will not follow writes");
      }

      ApiTokenRepository tokens = new ApiTokenRepository(database);
      Optional<String> token = AdminToken.ensure(tokens, dataDir);
      MarketData marketData = new MarketData(MarketData.Settings.from(config), database, catalog, clock);
      system.getWhenTerminated().thenRun(marketData::close);
      trading.useStoredFx(marketData.store());
      dev.ballast.api.http.auth.Access access = access(system, config, database, tokens, json, readSide, dataDir, clock);
      // durable jobs (issue 14): the market data refresh runs as one of them instead of the in-memory timer
      dev.ballast.persistence.ops.AlertStore alerts = new dev.ballast.persistence.ops.AlertStore(database, clock);
      dev.ballast.persistence.ops.AlertNotifier notifier = JobsSetup.notifier(config, database, clock);
      alerts.subscribe(notifier);
      dev.ballast.api.http.alerts.AlertSubscriptions subscriptions = JobsSetup.subscriptions(config, database, clock, notifier);
      system.getWhenTerminated().thenRun(notifier::close);
      // the journal-write probe and the read-side lag: asked by /health/ready and by the health-check job (issue 14)
      var journalHealth = HealthComponents.journal(system, config, database, readSide, clock);
      dev.ballast.persistence.ops.DurableJobs jobs = JobsSetup.create(config, database, marketData, readSide, clock, alerts, journalHealth);
      if (jobs != null) {
        system.getWhenTerminated().thenRun(jobs::close);
      }
      JobsSetup.withSnapshots(jobs, config, database, marketData, catalog, json, clock, alerts); // daily portfolio snapshots (issue 14)
      dev.ballast.persistence.ops.Readiness readiness = new dev.ballast.persistence.ops.Readiness(database, readSide,
          () -> jobs != null && jobs.running(), Duration.ofSeconds(2));
      ApiRoutes routes = routes(system, config, database, access, assets, catalog, json, readSide, marketData, clock, jobs, alerts, notifier,
          readiness, subscriptions);
      SyncSetup.Started sync = SyncSetup.start(system, config, database, dataDir,
          ApiContext.of(system, json, config.getDuration("ballast.http.ask-timeout")), clock, System::getenv, alerts);
      routes.withSync(sync.secrets(), sync.sync());
      subscriptions.useVault(sync.vault()); // the users' webhook secrets are sealed there (issue 14)
      JobsSetup.startWith(jobs, system, config, database, sync.store(), alerts); // the strategy and sync jobs' handlers (issue 14)
      routes.withSystem(new dev.ballast.api.http.system.SystemRoutes(ApiContext.of(system, json, config.getDuration("ballast.http.ask-timeout")),
          logFile));
      // backtests (issue 12): runs over the price store on their own threads, so a long one never holds a request thread
      java.util.concurrent.ExecutorService backtestThreads = java.util.concurrent.Executors.newFixedThreadPool(
          Math.max(1, Runtime.getRuntime().availableProcessors() / 2), r -> {
            Thread t = new Thread(r, "ballast-backtest");
            t.setDaemon(true);
            return t;
          });
      system.getWhenTerminated().thenRun(backtestThreads::shutdownNow);
      dev.ballast.api.http.backtest.BacktestRuns backtestRuns = new dev.ballast.api.http.backtest.BacktestRuns(
          new dev.ballast.persistence.backtest.BacktestRunStore(database), marketData.store(), null, clock);
      routes.withBacktests(new dev.ballast.api.http.backtest.BacktestRoutes(ApiContext.of(system, json, config.getDuration("ballast.http.ask-timeout")),
          backtestRuns, backtestThreads));
      dev.ballast.persistence.marketdata.JdbcBackfillStore backfill = new dev.ballast.persistence.marketdata.JdbcBackfillStore(database,
          ApiContext.of(system, json, config.getDuration("ballast.http.ask-timeout")).blocking(), clock);
      LiveServices live = LiveServices.start(system, config, ApiContext.of(system, json, config.getDuration("ballast.http.ask-timeout")),
          new BallastQueries(database), tokens, config.hasPath("ballast.http.token-cache-ttl")
              ? config.getDuration("ballast.http.token-cache-ttl") : Duration.ofSeconds(60), clock, marketData.sources(), backfill,
          marketData.store());
      // trading (issue 9): the feeds' counters, gaps and back-filled bars
      routes.withFeeds(new dev.ballast.api.http.feeds.FeedRoutes(ApiContext.of(system, json, config.getDuration("ballast.http.ask-timeout")),
          system, live.feeds(), live.gaps(), backfill));
      // the trading pipeline's latest prices and simulated venues follow the PriceBus (latest per instrument)
      readiness.with(() -> HealthComponents.feeds(live.feeds())).with(() -> HealthComponents.accountSyncs(sync.store()));
      journalHealth.forEach(readiness::with); // issue 14
      live.routes().authenticateWith(access.guard().authenticator()::valid);
      live.routes().authorizeWith(access.guard()::subscriptionRefusal);
      live.bus().subscribe("trading").runWith(org.apache.pekko.stream.javadsl.Sink.foreach(trading::onQuote), system);
      trading.publishTo(live.publisher());
      backtestRuns.publishTo(live.publisher()); // a running backtest's progress on the backtests topic (issue 12)
      trading.alertTo(alerts);
      alerts.subscribe(a -> live.publisher().publish("alerts", String.valueOf(a.id()), a));
      DataDirectory.restrictFiles(dataDir);
      ServerBinding binding = Http.get(system)
          .newServerAt(config.getString("ballast.http.host"), config.getInt("ballast.http.port"))
          // /ws first: the API's table answers every other path, a 404 included
          .bind(org.apache.pekko.http.javadsl.server.Directives.concat(live.routes().route(), routes.route()))
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      if (jobs == null) {
        marketData.startRefresh();
      }
      LOG.info("Ballast listening on http://{}:{} with data in {} ({})", binding.localAddress().getHostString(),
          binding.localAddress().getPort(), dataDir, database.settings());
      BallastServer server = new BallastServer(system, database, binding, dataDir, token, readSide);
      server.trading = trading;
      server.live = live.publisher();
      server.priceBus = live.bus();
      return server;
    } catch (Exception e) {
      if (system != null) {
        system.terminate();
      }
      database.close();
      if (e instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("the server could not start: " + e.getMessage(), e);
    }
  }

  /** Users, login, the route guard, /metrics, the OpenAPI document and the page (issue 10). */
  private static dev.ballast.api.http.auth.Access access(ActorSystem<?> system, Config config, Database database, ApiTokenRepository tokens,
      ObjectMapper json, ReadSideStatus readSide, Path dataDir, Clock clock) throws IOException {
    ApiContext context = ApiContext.of(system, json, config.getDuration("ballast.http.ask-timeout"));
    Duration tokenTtl = config.hasPath("ballast.http.token-cache-ttl") ? config.getDuration("ballast.http.token-cache-ttl") : Duration.ofSeconds(60);
    var settings = dev.ballast.api.http.auth.AuthSettings.from(config);
    var users = new dev.ballast.persistence.auth.UserRepository(database);
    var passwords = new dev.ballast.api.http.auth.Passwords(settings.bcryptCost());
    var accessTokens = new dev.ballast.api.http.auth.AccessTokens(dev.ballast.api.http.auth.SigningKey.loadOrCreate(dataDir), clock,
        settings.accessTtl());
    var personal = new dev.ballast.persistence.auth.PersonalTokenRepository(database);
    var authenticator = new dev.ballast.api.http.auth.Authenticator(accessTokens, users, tokens, personal,
        new TokenCache(Clock.systemUTC(), tokenTtl), context.blocking(), clock);
    var table = dev.ballast.api.http.auth.RouteTable.ballast();
    var portfolioAccess = new dev.ballast.persistence.auth.PortfolioAccessRepository(database);
    var guard = new dev.ballast.api.http.auth.RouteGuard(context, table, authenticator,
        new dev.ballast.api.http.auth.Throttle(clock, settings.tokenFailures(), settings.tokenWindow()), portfolioAccess);
    var metrics = new dev.ballast.api.http.prometheus.ServerMetrics(table, new dev.ballast.persistence.metrics.JournalGauges(database), readSide)
        .withReadSideLag(new dev.ballast.persistence.ops.ReadSideLagHealth(database, readSide == null ? java.util.List::of : readSide::slices,
            config.getDuration("ballast.health.read-side-lag-degraded"), clock)::slices);
    system.getWhenTerminated().thenRun(metrics::close);
    metrics.bind(system);
    metrics.throttle("token", guard.badTokens());
    var access = new dev.ballast.api.http.auth.Access(guard,
        new dev.ballast.api.http.auth.AuthRoutes(context, users, authenticator, passwords, settings, guard, clock),
        new dev.ballast.api.http.auth.UserRoutes(context, users, authenticator, passwords, clock),
        new dev.ballast.api.http.auth.TokenRoutes(context, personal, authenticator, clock),
        new dev.ballast.api.http.auth.ShareRoutes(context, portfolioAccess, users, new BallastQueries(database), clock),
        new dev.ballast.api.http.openapi.OpenApiRoutes(context),
        new dev.ballast.api.http.prometheus.PrometheusRoutes(context, metrics),
        new dev.ballast.api.http.web.WebRoutes(context));
    metrics.throttle("login", access.auth().failedLogins());
    return access;
  }

  private static ApiRoutes routes(ActorSystem<?> system, Config config, Database database, dev.ballast.api.http.auth.Access access,
      AssetRepository assets, InMemoryAssetCatalog catalog, ObjectMapper json, ReadSideStatus readSide, MarketData marketData, Clock clock,
      dev.ballast.persistence.ops.DurableJobs jobs, dev.ballast.persistence.ops.AlertStore alerts, dev.ballast.persistence.ops.AlertNotifier notifier,
      dev.ballast.persistence.ops.Readiness readiness, dev.ballast.api.http.alerts.AlertSubscriptions subscriptions) {
    Duration askTimeout = config.getDuration("ballast.http.ask-timeout");
    ApiContext context = ApiContext.of(system, json, askTimeout);
    BallastQueries queries = new BallastQueries(database);
    return new ApiRoutes(context, access, readSide,
        new AccountRoutes(context, queries), new TransactionRoutes(context, queries), new MetricsRoutes(context, queries),
        new PortfolioRoutes(context, queries), new AssetRoutes(context, assets, catalog), new AuditRoutes(context, new JournalAudit(system, database)),
        new PriceRoutes(context, marketData, catalog, assets, clock, queries), new ValuationRoutes(new ApiContext(context.sharding(), context.json(), context.bodies(), context.askTimeout(),
            system.dispatchers().lookup(org.apache.pekko.actor.typed.DispatcherSelector.fromConfig("ballast.http.valuation-dispatcher"))),
            queries, marketData, catalog, clock),
        new ImportRoutes(context, queries, ImportSettings.from(config, catalog::contains, clock).withStoredRates(
            new dev.ballast.engine.marketdata.AsOfRates(marketData.store(), dev.ballast.engine.model.AssetId.of("USD"), java.time.Period.ofDays(3)))),

        new dev.ballast.api.http.strategies.StrategyRoutes(context, new dev.ballast.persistence.strategy.DecisionQueries(database),
            new dev.ballast.persistence.execution.OrderQueries(database), new dev.ballast.persistence.execution.IntentQueries(database, json)),
        new dev.ballast.api.http.killswitch.KillSwitchRoutes(context),
        new dev.ballast.api.http.orders.OrderRoutes(context, new dev.ballast.persistence.execution.OrderQueries(database)),
        // reports (issue 15): fills with their intended prices from the order read side
        withMonthlyReportJob(new dev.ballast.api.http.reports.ReportRoutes(context, queries,
            new dev.ballast.api.http.valuation.Histories(queries, marketData, catalog, json), marketData.store(),
            java.util.Optional.of(new dev.ballast.persistence.execution.ReadSideFillSource(new dev.ballast.persistence.execution.OrderQueries(database))),
            catalog::find, clock, new dev.ballast.persistence.report.ReportQueries(database)), jobs, config),
        new dev.ballast.api.http.reports.AnnotationRoutes(context, new dev.ballast.persistence.report.AnnotationQueries(database, json)))
        .withRegime(new dev.ballast.api.http.regime.RegimeRoutes(context, marketData.store(), clock, alerts))
        .withPlan(new dev.ballast.api.http.plan.PlanRoutes(context, queries, marketData, catalog,
            dev.ballast.api.http.plan.PlannerSettings.from(config), clock, new ConfigFxRates(config.getConfig("ballast.trading.fx")),
            new dev.ballast.persistence.strategy.DecisionLookup(dev.ballast.persistence.journal.JournalScan.of(system, database))))
        .withOps(new dev.ballast.api.http.jobs.JobRoutes(context, jobs), new dev.ballast.api.http.alerts.AlertRoutes(context, alerts, notifier, subscriptions),
            readiness)
        .withSnapshots(new dev.ballast.api.http.valuation.PortfolioSnapshotRoutes(context, queries,
            new dev.ballast.persistence.ops.PortfolioSnapshotStore(database),
            dev.ballast.engine.ops.jobs.JobSchedule.zone(config.getString("ballast.jobs.zone")), clock));
  }

  /**
   * Reports (issue 15): the monthly-report job's handler, which makes the reports as the route does,
   * registered here because it needs what the routes are built from (the handler writes DATA/reports).
   */
  private static dev.ballast.api.http.reports.ReportRoutes withMonthlyReportJob(dev.ballast.api.http.reports.ReportRoutes reports,
      dev.ballast.persistence.ops.DurableJobs jobs, Config config) {
    if (jobs != null) {
      jobs.handle(dev.ballast.engine.ops.jobs.JobKind.MONTHLY_REPORT, reports.monthlyReportJob(
          BallastConfig.dataDir(config).resolve("reports"), dev.ballast.engine.ops.jobs.JobSchedule.zone(config.getString("ballast.jobs.zone"))));
    }
    return reports;
  }

  /** {@code ballast.regime}: the classifier's windows and thresholds (docs/strategies.md); each missing key keeps its default. */
  static dev.ballast.engine.regime.RegimeSettings regimeSettings(Config config) {
    dev.ballast.engine.regime.RegimeSettings d = dev.ballast.engine.regime.RegimeSettings.DEFAULTS;
    if (!config.hasPath("ballast.regime")) {
      return d;
    }
    Config c = config.getConfig("ballast.regime");
    java.util.function.BiFunction<String, Integer, Integer> i = (k, v) -> c.hasPath(k) ? c.getInt(k) : v;
    java.util.function.BiFunction<String, Double, Double> x = (k, v) -> c.hasPath(k) ? c.getDouble(k) : v;
    return new dev.ballast.engine.regime.RegimeSettings(i.apply("trend-days", d.trendDays()), i.apply("volatility-days", d.volatilityDays()),
        x.apply("risk-off-trend", d.riskOffTrend()), x.apply("stable-flight", d.stableFlight()), x.apply("hodl-band", d.hodlBand()),
        x.apply("hodl-max-volatility", d.hodlMaxVolatility()), x.apply("season-shift", d.seasonShift()),
        i.apply("confirm-days", d.confirmDays()), i.apply("min-dwell-days", d.minDwellDays()));
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public Database database() {
    return database;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The trading pipeline: the feeds push their quotes into {@link TradingSetup#onQuote}. */
  public TradingSetup trading() {
    return trading;
  }

  /** Where updates for /ws subscribers are published (orders, decisions, alerts). */
  public dev.ballast.api.ws.LivePublisher live() {
    return live;
  }

  /** The PriceBus the feeds publish into and /ws reads prices from (bench ws feeds it directly). */
  public dev.ballast.engine.marketdata.live.PriceBus priceBus() {
    return priceBus;
  }

  /** The read-side slices running on this node. */
  public ReadSideStatus readSide() {
    return readSide;
  }

  /** The admin token if this start created it (the first start on a database). */
  public Optional<String> newAdminToken() {
    return newAdminToken;
  }

  public void awaitTermination() {
    system.getWhenTerminated().toCompletableFuture().join();
  }

  @Override
  public void close() {
    try {
      binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("unbinding failed: {}", e.toString());
    }
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("the actor system did not stop in time: {}", e.toString());
    }
    database.close();
    try {
      DataDirectory.restrictFiles(dataDir);
    } catch (IOException e) {
      LOG.warn("could not make the files in {} owner-only: {}", dataDir, e.toString());
    }
  }
}
