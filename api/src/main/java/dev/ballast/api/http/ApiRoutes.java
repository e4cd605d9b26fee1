package dev.ballast.api.http;

import dev.ballast.api.http.accounts.AccountRoutes;
import dev.ballast.api.http.assets.AssetRoutes;
import dev.ballast.api.http.audit.AuditRoutes;
import dev.ballast.api.http.imports.ImportRoutes;
import dev.ballast.api.http.metrics.MetricsRoutes;
import dev.ballast.api.http.portfolios.PortfolioRoutes;
import dev.ballast.api.http.prices.PriceRoutes;
import dev.ballast.api.http.valuation.ValuationRoutes;
import dev.ballast.api.http.transactions.TransactionRoutes;
import dev.ballast.api.http.auth.Access;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.FieldError;
import java.nio.charset.StandardCharsets;
import dev.ballast.persistence.readside.ReadSideStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes: {@code /health}, {@code /metrics}, the page at {@code /} and everything under
 * {@code /api}, one route class per resource, each request first through the guard (the
 * permission per route is in {@link dev.ballast.api.http.auth.RouteTable}), and the one place where
 * an exception or a rejection becomes a problem+json answer.
 */
public final class ApiRoutes extends RouteSupport {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
  private static final Pattern ROW_PATH = Pattern.compile("transactions\\[(\\d+)](?:\\.(.*))?");

  private final ReadSideStatus readSide;
  private final Access access;
  private final AccountRoutes accounts;
  private final TransactionRoutes transactions;
  private final MetricsRoutes metrics;
  private final PortfolioRoutes portfolios;
  private final AssetRoutes assets;
  private final AuditRoutes audit;
  private final PriceRoutes prices;
  private final ValuationRoutes valuation;
  private final ImportRoutes imports;
  private final dev.ballast.api.http.strategies.StrategyRoutes strategies;
  private final dev.ballast.api.http.killswitch.KillSwitchRoutes killSwitch;
  private final dev.ballast.api.http.orders.OrderRoutes orders;
  private dev.ballast.api.http.regime.RegimeRoutes regime;
  private dev.ballast.api.http.plan.PlanRoutes plan;
  private dev.ballast.api.http.secrets.SecretRoutes secrets;
  private dev.ballast.api.http.sync.SyncRoutes sync;
  private final dev.ballast.api.http.reports.ReportRoutes reports;
  private final dev.ballast.api.http.reports.AnnotationRoutes annotations;
  private dev.ballast.api.http.jobs.JobRoutes jobs;
  private dev.ballast.api.http.alerts.AlertRoutes alerts;
  private dev.ballast.persistence.ops.Readiness readiness;
  private dev.ballast.api.http.system.SystemRoutes system;
  private dev.ballast.api.http.feeds.FeedRoutes feeds;
  private dev.ballast.api.http.backtest.BacktestRoutes backtests;
  private dev.ballast.api.http.valuation.PortfolioSnapshotRoutes snapshots;

  public ApiRoutes(
      ApiContext context, Access access, ReadSideStatus readSide, AccountRoutes accounts,
      TransactionRoutes transactions, MetricsRoutes metrics, PortfolioRoutes portfolios, AssetRoutes assets, AuditRoutes audit,
      PriceRoutes prices, ValuationRoutes valuation, ImportRoutes imports,

      dev.ballast.api.http.strategies.StrategyRoutes strategies, dev.ballast.api.http.killswitch.KillSwitchRoutes killSwitch,
      dev.ballast.api.http.orders.OrderRoutes orders,
      dev.ballast.api.http.reports.ReportRoutes reports, dev.ballast.api.http.reports.AnnotationRoutes annotations) {
    super(context);
    this.reports = reports;
    this.annotations = annotations;
    this.strategies = strategies;
    this.killSwitch = killSwitch;
    this.orders = orders;
    this.readSide = readSide;
    this.access = access;
    this.accounts = accounts;
    this.transactions = transactions;
    this.metrics = metrics;
    this.portfolios = portfolios;
    this.assets = assets;
    this.audit = audit;
    this.prices = prices;
    this.valuation = valuation;
    this.imports = imports;
  }

  /** The vault and account sync routes (issue 13), mounted at /api/secrets and /api/sync. */
  public ApiRoutes withSync(dev.ballast.api.http.secrets.SecretRoutes secrets, dev.ballast.api.http.sync.SyncRoutes sync) {
    this.secrets = secrets;
    this.sync = sync;
    return this;
  }

  /** The market regime's status (issue 11), mounted at /api/regime. */
  public ApiRoutes withRegime(dev.ballast.api.http.regime.RegimeRoutes regime) {
    this.regime = regime;
    return this;
  }

  /** The multi-account plan (issue 11), mounted at /api/portfolios/{portfolio}/plan. */
  public ApiRoutes withPlan(dev.ballast.api.http.plan.PlanRoutes plan) {
    this.plan = plan;
    return this;
  }

  /** The operations routes (issue 14), mounted at /api/jobs and /api/alerts, and the readiness of /health/ready. */
  public ApiRoutes withOps(dev.ballast.api.http.jobs.JobRoutes jobs, dev.ballast.api.http.alerts.AlertRoutes alerts,
      dev.ballast.persistence.ops.Readiness readiness) {
    this.jobs = jobs;
    this.alerts = alerts;
    this.readiness = readiness;
    return this;
  }

  /** The live feeds, their gaps and back-filled bars (issue 9), mounted at /api/feeds. */
  public ApiRoutes withFeeds(dev.ballast.api.http.feeds.FeedRoutes feeds) {
    this.feeds = feeds;
    return this;
  }

  /** The server's own state for monitoring tools (issue 14), mounted at /api/system. */
  public ApiRoutes withSystem(dev.ballast.api.http.system.SystemRoutes system) {
    this.system = system;
    return this;
  }

  /** The stored daily portfolio snapshots (issue 14), mounted at /api/valuation/portfolios/{portfolio}/snapshots. */
  public ApiRoutes withSnapshots(dev.ballast.api.http.valuation.PortfolioSnapshotRoutes snapshots) {
    this.snapshots = snapshots;
    return this;
  }

  /** The backtest runs (issue 12), mounted at /api/backtests. */
  public ApiRoutes withBacktests(dev.ballast.api.http.backtest.BacktestRoutes backtests) {
    this.backtests = backtests;
    return this;
  }

  public Route route() {
    return access.prometheus().timed(() -> access.guard().withSecurityHeaders(() ->
        handleRejections(rejections(), () -> handleExceptions(exceptions(), () -> access.guard().guard(principal -> concat(
        // still 200 when a read-side slice stopped: the server lives and writes; "degraded" and the slice say what to repair
        path("health", () -> get(() -> complete(json(200, Map.of(
            "status", readSide.healthy() ? "ok" : "degraded", "readSide", readSide.slices()))))),
        // readiness (issue 14): 503 while a component is down, so a load balancer stops sending requests here
        path(PathMatchers.segment("health").slash("ready"), () -> get(() -> readiness == null ? reject() : completeBlocking(() -> {
          dev.ballast.persistence.ops.Readiness.Report report = readiness.check();
          return json(report.ready() ? 200 : 503, Map.of("status", report.ready() ? "ready" : "not ready", "components", report.components()));
        }))),
        access.prometheus().route(),
        access.web().route(),
        pathPrefix("api", () -> concat(
            access.openApi().route(),
            pathPrefix("auth", () -> access.auth().route(principal)),
            pathPrefix("users", () -> access.users().route(principal)),
            pathPrefix("tokens", () -> access.tokens().route(principal)),
            pathPrefix("shares", () -> access.shares().route(principal)),
            pathPrefix("portfolios", () -> plan == null ? reject() : plan.route()),
            pathPrefix("portfolios", () -> portfolios.route(access.guard().portfolioVisible(principal), id -> access.shares().created(principal, id))),
            pathPrefix("accounts", () -> concat(
                accounts.collection(access.guard().accountVisible(principal)),
                pathPrefix(PathMatchers.segment(), raw -> pathId("account", raw, AccountId::of, id -> concat(
                    accounts.one(id), transactions.route(id), metrics.route(id), imports.route(id)))))),
            pathPrefix("assets", assets::route),
            pathPrefix("audit", audit::route),
            pathPrefix("prices", prices::route),
            pathPrefix("valuation", () -> snapshots == null ? valuation.route() : concat(snapshots.route(), valuation.route())),
            pathPrefix("imports", imports::collection),
            pathPrefix("strategies", strategies::route),
            pathPrefix("kill-switch", killSwitch::route),
            pathPrefix("regime", () -> regime == null ? reject() : regime.route()),
            pathPrefix("orders", orders::route),
            pathPrefix("feeds", () -> feeds == null ? reject() : feeds.route()),
            pathPrefix("secrets", () -> secrets.route(principal)),
            pathPrefix("sync", sync::route),
            pathPrefix("reports", reports::reports),
            pathPrefix("exports", reports::exports),
            pathPrefix("annotations", () -> annotations.route(principal)),

            pathPrefix("jobs", () -> jobs == null ? reject() : jobs.route()),
            pathPrefix("alerts", () -> alerts == null ? reject() : alerts.route(principal)),
            pathPrefix("system", () -> system == null ? reject() : system.route()),
            pathPrefix("backtests", () -> backtests == null ? reject() : backtests.route())))))))));
  }

  // ---- the one mapping of failures to problems --------------------------------------------

  private ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .match(Throwable.class, e -> complete(problemFor(e)))
        .build();
  }

  private HttpResponse problemFor(Throwable e) {
    while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof ApiJson.BadBody bad) {
      return problem(Problem.badRequest("the request body could not be read", List.of(rowError(bad.error()))));
    }
    if (e instanceof EntityStreamSizeException) {
      return problem(Problem.tooLarge("the body is larger than the server takes"));
    }
    if (e instanceof TimeoutException || e instanceof org.apache.pekko.pattern.AskTimeoutException) {
      return problem(Problem.unavailable("the entity did not answer within " + context.askTimeout().toSeconds() + "s; nothing is lost, try again"));
    }
    LOG.error("request failed", e);
    return problem(Problem.internal());
  }

  /** The HTTP layer's own refusals (no such route, wrong method, missing header) as problem+json. */
  private RejectionHandler rejections() {
    return RejectionHandler.defaultHandler().mapRejectionResponse(response -> {
      if (response.entity().getContentType().mediaType().toString().startsWith("application/problem+json")) {
        return response;
      }
      String text = response.entity() instanceof HttpEntity.Strict strict ? strict.getData().decodeString(StandardCharsets.UTF_8) : "";
      int status = response.status().intValue();
      return problem(Problem.http(status, response.status().reason(), text.isBlank() ? response.status().reason() : text));
    });
  }

  /** transactions[2].quantity becomes row 3, field quantity. */
  static FieldError rowError(FieldError error) {
    Matcher m = ROW_PATH.matcher(error.field());
    if (m.matches()) {
      return new FieldError(Integer.parseInt(m.group(1)) + 1, m.group(2) == null ? "transaction" : m.group(2), error.message());
    }
    return error;
  }
}
