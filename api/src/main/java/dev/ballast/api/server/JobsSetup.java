package dev.ballast.api.server;

import com.typesafe.config.Config;
import dev.ballast.persistence.marketdata.PriceSync;
import dev.ballast.engine.ops.jobs.JobDefinition;
import dev.ballast.engine.ops.jobs.JobHandler;
import dev.ballast.engine.ops.jobs.JobKind;
import dev.ballast.engine.ops.jobs.JobSchedule;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.ops.DurableJobs;
import dev.ballast.persistence.ops.JobStore;
import dev.ballast.persistence.readside.ReadSideStatus;
import java.net.InetAddress;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The durable jobs of a server (issue 14): one per job kind with its configured schedule, and the
 * handlers that need no entity (market data refresh, health check, portfolio snapshots). The kinds that
 * drive entities (strategy checks, momentum signal, DCA, account syncs) get their handler through
 * {@link DurableJobs#handle} in {@link #startWith}; a kind without one keeps its runs as skipped, "no handler".
 */
public final class JobsSetup {
  private JobsSetup() {}

  public static List<JobDefinition> definitions(Config config) {
    Config jobs = config.getConfig("ballast.jobs");
    ZoneId zone = JobSchedule.zone(jobs.getString("zone"));
    List<JobDefinition> out = new ArrayList<>();
    for (JobKind kind : JobKind.values()) {
      String key = "schedules." + kind.id();
      JobSchedule schedule = jobs.hasPath(key) ? JobSchedule.parse(jobs.getString(key), zone) : kind.defaultSchedule();
      out.add(new JobDefinition(kind.id(), kind, schedule));
    }
    return out;
  }

  public static DurableJobs.Settings settings(Config config) {
    Config jobs = config.getConfig("ballast.jobs");
    String node = jobs.getString("node-name");
    if (node.isBlank()) {
      try {
        node = InetAddress.getLocalHost().getHostName() + ":" + config.getInt("pekko.remote.artery.canonical.port");
      } catch (java.net.UnknownHostException e) {
        node = "ballast:" + config.getInt("pekko.remote.artery.canonical.port");
      }
    }
    return new DurableJobs.Settings(jobs.getDuration("polling-interval"), jobs.getDuration("heartbeat-interval"),
        jobs.getInt("missed-heartbeats"), jobs.getInt("threads"), node, java.time.Duration.ofSeconds(30));
  }

  /** Starts the jobs unless ballast.jobs.enabled is off; null when off. */
  public static DurableJobs start(Config config, Database database, MarketData marketData, ReadSideStatus readSide, Clock clock,
      dev.ballast.engine.ops.alerts.AlertSink alerts) {
    DurableJobs jobs = create(config, database, marketData, readSide, clock, alerts);
    if (jobs != null) {
      jobs.start();
    }
    return jobs;
  }

  /**
   * The jobs with the handlers that need no entity, not started yet (null when ballast.jobs.enabled
   * is off): {@link #startWith} adds the strategy and sync handlers once those entities run, then
   * starts, so that a run due at start (a catch-up) finds its handler.
   */
  public static DurableJobs create(Config config, Database database, MarketData marketData, ReadSideStatus readSide, Clock clock,
      dev.ballast.engine.ops.alerts.AlertSink alerts) {
    return create(config, database, marketData, readSide, clock, alerts, List.of());
  }

  /**
   * The same, with the health check also asking {@code health} (the journal-write probe and the
   * read-side lag per projection of {@link HealthComponents#journal}, the instances /health/ready asks).
   */
  public static DurableJobs create(Config config, Database database, MarketData marketData, ReadSideStatus readSide, Clock clock,
      dev.ballast.engine.ops.alerts.AlertSink alerts,
      List<java.util.function.Supplier<List<dev.ballast.persistence.ops.Readiness.Component>>> health) {
    if (!config.getBoolean("ballast.jobs.enabled")) {
      return null;
    }
    Map<JobKind, JobHandler> handlers = new EnumMap<>(JobKind.class);
    // the price store keeps one bar per asset and day: a repeated run stores nothing new
    handlers.put(JobKind.MARKET_DATA_REFRESH, run -> {
      List<PriceSync.Outcome> out = marketData.syncAll(null, null);
      long failed = out.stream().filter(o -> o.status() == PriceSync.Outcome.Status.FAILED).count();
      if (failed > 0) {
        throw new IllegalStateException(failed + " of " + out.size() + " assets and pairs failed to refresh");
      }
      return out.size() + " assets and pairs refreshed";
    });
    // the scheduler runs this very job, so it is not asked about itself
    dev.ballast.persistence.ops.Readiness readiness = new dev.ballast.persistence.ops.Readiness(database, readSide, () -> true,
        java.time.Duration.ofSeconds(5));
    health.forEach(readiness::with);
    handlers.put(JobKind.HEALTH_CHECK, healthCheck(readiness));
    handlers.replaceAll((kind, handler) -> alerting(kind, handler, alerts));
    return new DurableJobs(database.dataSource(), new JobStore(database), definitions(config), handlers, clock, settings(config));
  }

  /**
   * Adds the handlers of the jobs that drive entities and starts the scheduler: strategy checks,
   * momentum signal and DCA check their strategies with the run id as the check's idempotency key
   * ({@link dev.ballast.engine.ops.jobs.StrategyJob}); account sync asks every connected account to sync.
   */
  public static void startWith(DurableJobs jobs, org.apache.pekko.actor.typed.ActorSystem<?> system, Config config, Database database,
      dev.ballast.engine.account.sync.SyncStore syncs, dev.ballast.engine.ops.alerts.AlertSink alerts) {
    if (jobs == null) {
      return;
    }
    java.time.Duration timeout = config.getDuration("ballast.http.ask-timeout");
    org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding sharding =
        org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.get(system);
    dev.ballast.persistence.journal.JournalScan journal = dev.ballast.persistence.journal.JournalScan.of(system, database);
    String prefix = dev.ballast.engine.strategy.Strategy.ENTITY_KEY.name() + "|";
    java.util.function.Supplier<List<dev.ballast.engine.model.PortfolioId>> strategies = () -> journal
        .persistenceIds(dev.ballast.engine.strategy.Strategy.ENTITY_KEY.name()).stream().filter(p -> p.startsWith(prefix))
        .map(p -> dev.ballast.engine.model.PortfolioId.of(p.substring(prefix.length()))).toList();
    for (JobKind kind : List.of(JobKind.STRATEGY_CHECKS, JobKind.MOMENTUM_SIGNAL, JobKind.DCA)) {
      jobs.handle(kind, alerting(kind, new dev.ballast.engine.ops.jobs.StrategyJob(strategies,
          id -> sharding.entityRefFor(dev.ballast.engine.strategy.Strategy.ENTITY_KEY, id.value()),
          dev.ballast.engine.ops.jobs.StrategyJob.policiesOf(kind), timeout, system.scheduler()), alerts));
    }
    // a sync records each venue row once by its venue id and continues from its cursor: a repeated run records nothing new
    jobs.handle(JobKind.ACCOUNT_SYNC, alerting(JobKind.ACCOUNT_SYNC, run -> {
      List<dev.ballast.engine.model.AccountId> connected = syncs.connected();
      int started = 0;
      List<String> failed = new ArrayList<>();
      for (dev.ballast.engine.model.AccountId account : connected) {
        try {
          sharding.entityRefFor(dev.ballast.engine.account.sync.AccountSync.ENTITY_KEY, account.value())
              .<dev.ballast.engine.account.sync.SyncStatus>ask(dev.ballast.engine.account.sync.AccountSync.SyncNow::new, timeout)
              .toCompletableFuture().get(timeout.toMillis() + 1_000, java.util.concurrent.TimeUnit.MILLISECONDS);
          started++;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          failed.add(account.value() + ": " + (e.getCause() == null ? e : e.getCause()).getMessage());
        }
      }
      if (!failed.isEmpty()) {
        throw new IllegalStateException(started + " of " + connected.size() + " syncs started; " + String.join("; ", failed));
      }
      return started + " of " + connected.size() + " connected accounts syncing";
    }, alerts));
    jobs.start();
  }

  /**
   * The health-check job's handler: every component of {@code readiness} (database, read-side
   * slices, and what was added: journal write, read-side lag per projection); a run fails, naming
   * each, when one is not up, so that its alert says what is wrong.
   */
  static JobHandler healthCheck(dev.ballast.persistence.ops.Readiness readiness) {
    return run -> {
      dev.ballast.persistence.ops.Readiness.Report report = readiness.check();
      List<String> troubled = report.components().stream().filter(c -> c.status() != dev.ballast.persistence.ops.Readiness.Status.UP)
          .map(c -> c.name() + " " + c.status() + ": " + c.reason()).toList();
      if (!troubled.isEmpty()) {
        throw new IllegalStateException(String.join("; ", troubled));
      }
      return "all " + report.components().size() + " components up: "
          + String.join(", ", report.components().stream().map(dev.ballast.persistence.ops.Readiness.Component::name).toList());
    };
  }

  /**
   * The portfolio-snapshots job's handler: each portfolio's daily value recorded once per day, an
   * incomplete one of the last ballast.jobs.snapshot-refill-days days computed again ({@link PortfolioSnapshotJob}). Registered before the jobs start, so a catch-up run finds it.
   */
  public static void withSnapshots(DurableJobs jobs, Config config, Database database, MarketData marketData,
      dev.ballast.engine.asset.InMemoryAssetCatalog catalog, com.fasterxml.jackson.databind.ObjectMapper json, Clock clock,
      dev.ballast.engine.ops.alerts.AlertSink alerts) {
    if (jobs == null) {
      return;
    }
    dev.ballast.persistence.query.BallastQueries queries = new dev.ballast.persistence.query.BallastQueries(database);
    jobs.handle(JobKind.PORTFOLIO_SNAPSHOTS, alerting(JobKind.PORTFOLIO_SNAPSHOTS, new PortfolioSnapshotJob(queries,
        new dev.ballast.api.http.valuation.Histories(queries, marketData, catalog, json),
        new dev.ballast.persistence.ops.PortfolioSnapshotStore(database), JobSchedule.zone(config.getString("ballast.jobs.zone")),
        config.hasPath("ballast.jobs.snapshot-refill-days") ? config.getInt("ballast.jobs.snapshot-refill-days") : 31, clock),
        alerts));
  }

  /** A failed run raises its alert: a refresh as data refresh failed, a health check as health check failed, a sync as sync failed. */
  static JobHandler alerting(JobKind kind, JobHandler handler, dev.ballast.engine.ops.alerts.AlertSink alerts) {
    dev.ballast.engine.ops.alerts.AlertType type = switch (kind) {
      case MARKET_DATA_REFRESH -> dev.ballast.engine.ops.alerts.AlertType.DATA_REFRESH_FAILED;
      case ACCOUNT_SYNC -> dev.ballast.engine.ops.alerts.AlertType.SYNC_FAILED;
      default -> dev.ballast.engine.ops.alerts.AlertType.HEALTH_CHECK_FAILED;
    };
    return run -> {
      try {
        return handler.run(run);
      } catch (Exception e) {
        alerts.raise(type, "job " + run.job(), run.job() + " failed: " + e.getMessage());
        throw e;
      }
    };
  }

  /** The webhooks and e-mails of ballast.notify as subscriptions, and the notifier that sends to them. */
  public static dev.ballast.persistence.ops.AlertNotifier notifier(Config config, Database database, Clock clock) {
    Config n = config.getConfig("ballast.notify");
    List<dev.ballast.engine.ops.alerts.Subscription> subs = new ArrayList<>();
    for (Config w : n.getConfigList("webhooks")) {
      String name = w.getString("name");
      dev.ballast.engine.ops.alerts.AlertLevel level = dev.ballast.engine.ops.alerts.AlertLevel.valueOf(
          (w.hasPath("min-level") ? w.getString("min-level") : "warning").toUpperCase(java.util.Locale.ROOT));
      subs.add(new dev.ballast.engine.ops.alerts.Subscription(w.getString("user"), level,
          new dev.ballast.adapters.notify.webhook.WebhookChannel(name, java.net.URI.create(w.getString("url")),
              w.getString("secret").getBytes(java.nio.charset.StandardCharsets.UTF_8), n.getDuration("timeout"))));
    }
    // e-mail subscriptions of the configuration, through ballast.notify.smtp
    List<? extends Config> emails = n.hasPath("emails") ? n.getConfigList("emails") : List.of();
    dev.ballast.adapters.notify.email.EmailChannel.Smtp smtp = emails.isEmpty() ? null : smtp(config);
    for (Config e : emails) {
      if (smtp == null) {
        throw new IllegalArgumentException("ballast.notify.emails needs ballast.notify.smtp.host");
      }
      dev.ballast.engine.ops.alerts.AlertLevel level = dev.ballast.engine.ops.alerts.AlertLevel.valueOf(
          (e.hasPath("min-level") ? e.getString("min-level") : "warning").toUpperCase(java.util.Locale.ROOT));
      subs.add(new dev.ballast.engine.ops.alerts.Subscription(e.getString("user"), level,
          new dev.ballast.adapters.notify.email.EmailChannel(e.getString("name"), smtp, e.getStringList("to"))));
    }
    return new dev.ballast.persistence.ops.AlertNotifier(database, subs, n.getInt("max-attempts"), n.getDuration("first-backoff"), clock);
  }

  /**
   * The SMTP server of ballast.notify.smtp, or null when its host is blank (no e-mail). The password
   * is read from the environment variable {@code password-env} at each send, never from a file.
   */
  public static dev.ballast.adapters.notify.email.EmailChannel.Smtp smtp(Config config) {
    if (!config.hasPath("ballast.notify.smtp")) {
      return null;
    }
    Config s = config.getConfig("ballast.notify.smtp");
    String host = s.getString("host");
    if (host.isBlank()) {
      return null;
    }
    String username = s.getString("username");
    String passwordEnv = s.getString("password-env");
    java.util.function.Supplier<String> password = () -> {
      String value = System.getenv(passwordEnv);
      if (value == null) {
        throw new IllegalStateException("the SMTP password variable " + passwordEnv + " is not set");
      }
      return value;
    };
    String from = s.getString("from");
    return new dev.ballast.adapters.notify.email.EmailChannel.Smtp(host, s.getInt("port"),
        dev.ballast.adapters.notify.email.EmailChannel.Security.valueOf(s.getString("security").toUpperCase(java.util.Locale.ROOT)),
        username.isBlank() ? null : username, password,
        from.isBlank() ? null : dev.ballast.adapters.notify.email.EmailChannel.address("ballast.notify.smtp.from", from),
        config.getDuration("ballast.notify.timeout"), s.getString("trust"));
  }

  /** The users' own subscriptions (the API's), sent to by the notifier; the vault is given once it starts. */
  public static dev.ballast.api.http.alerts.AlertSubscriptions subscriptions(Config config, Database database, Clock clock,
      dev.ballast.persistence.ops.AlertNotifier notifier) {
    dev.ballast.api.http.alerts.AlertSubscriptions subs = new dev.ballast.api.http.alerts.AlertSubscriptions(
        new dev.ballast.persistence.ops.SubscriptionStore(database), smtp(config), config.getDuration("ballast.notify.timeout"), clock);
    notifier.withSource(subs::active);
    return subs;
  }
}
