package dev.ballast.api.http.plan;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.api.server.MarketData;
import dev.ballast.engine.asset.InMemoryAssetCatalog;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.Lot;
import dev.ballast.engine.ledger.Position;
import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.valuation.Holding;
import dev.ballast.engine.marketdata.valuation.Snapshot;
import dev.ballast.engine.marketdata.valuation.SnapshotLine;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.FxRate;
import dev.ballast.engine.model.FxRateProvider;
import dev.ballast.engine.strategy.PolicyContext;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyMode;
import dev.ballast.engine.planner.MultiAccountPlanner;
import dev.ballast.engine.planner.Plan;
import dev.ballast.engine.planner.PlannerInputs;
import dev.ballast.engine.planner.VenueRule;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.persistence.query.AccountRow;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.PortfolioRow;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/portfolios/{portfolio}/plan}: the multi-account plan of a portfolio from its
 * accounts' lots and cash (the AccountLedger entities' books), today's stored prices, FX for accounts
 * in other currencies and {@code ballast.planner}; shown, never sent. {@code POST} hands it to the
 * portfolio's strategy, whose mode decides whether it is sent.
 */
public final class PlanRoutes extends RouteSupport {
  private static final String PRICE_PROBE = "price-probe";
  /** The request header that makes a {@code POST} of the plan once-only: the same key again answers the same decision. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final BallastQueries queries;
  private final MarketData marketData;
  private final InMemoryAssetCatalog catalog;
  private final PlannerSettings settings;
  private final Clock clock;
  private final FxRateProvider configuredFx;
  private final PortfolioOptimize optimize;
  private final dev.ballast.persistence.strategy.DecisionLookup decisions;

  /** Routes whose FX is the price store's only. */
  public PlanRoutes(ApiContext context, BallastQueries queries, MarketData marketData, InMemoryAssetCatalog catalog, PlannerSettings settings,
      Clock clock) {
    this(context, queries, marketData, catalog, settings, clock, (from, to, date) -> Optional.empty(), null);
  }

  /** Routes without the journal: a repeated {@code Idempotency-Key} is answered with its decision's id only. */
  public PlanRoutes(ApiContext context, BallastQueries queries, MarketData marketData, InMemoryAssetCatalog catalog, PlannerSettings settings,
      Clock clock, FxRateProvider configuredFx) {
    this(context, queries, marketData, catalog, settings, clock, configuredFx, null);
  }

  /**
   * @param configuredFx the configured rates ({@code ballast.trading.fx}), used where the price store has none
   * @param decisions the journaled decisions, by which a request repeated with its {@code Idempotency-Key} is answered
   */
  public PlanRoutes(ApiContext context, BallastQueries queries, MarketData marketData, InMemoryAssetCatalog catalog, PlannerSettings settings,
      Clock clock, FxRateProvider configuredFx, dev.ballast.persistence.strategy.DecisionLookup decisions) {
    super(context);
    this.queries = queries;
    this.marketData = marketData;
    this.catalog = catalog;
    this.settings = settings;
    this.clock = clock;
    this.configuredFx = configuredFx;
    this.decisions = decisions;
    this.optimize = new PortfolioOptimize(this, context.json(), queries, marketData, catalog, clock, storedThenConfigured());
  }

  /** The stored rates as of a day (through USD, a week old at most), else the configured ones: what the trading pipeline converts with. */
  private FxRateProvider storedThenConfigured() {
    AsOfRates stored = new AsOfRates(marketData.store(), AssetId.of("USD"), Period.ofDays(7));
    return (from, to, date) -> {
      Optional<BigDecimal> r = stored.rate(from, to, date);
      return r.isPresent() ? r : configuredFx.rate(from, to, date);
    };
  }

  public Route route() {
    return pathPrefix(PathMatchers.segment(), portfolio -> concat(
        path("plan", () -> concat(
            get(() -> completeBlocking(() -> plan(portfolio))),
            post(() -> optionalHeaderValueByName(IDEMPOTENCY_KEY, key -> entity(
                org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller.entityToString(),
                body -> completeBlocking(() -> send(portfolio, key.orElse(null), body))))))),
        path("optimize", () -> get(() -> parameterMultiMap(query -> completeBlocking(() -> optimize.run(portfolio, query)))))));
  }

  /** A problem to answer, or the plan's inputs. */
  private record Gathered(HttpResponse problem, PlannerInputs inputs, LocalDate date, List<FxRate> fx, Map<AssetId, java.time.Instant> pricedAt) {
    Gathered(HttpResponse problem, PlannerInputs inputs, LocalDate date, List<FxRate> fx) {
      this(problem, inputs, date, fx, Map.of());
    }
  }

  private HttpResponse plan(String portfolio) {
    Gathered g = gather(portfolio);
    if (g.problem() != null) {
      return g.problem();
    }
    Plan plan = new MultiAccountPlanner(settings.tax()).plan(g.inputs());
    return json(200, new PlanResponse(portfolio, g.date().toString(), g.inputs().baseCurrency().value(), plan.totalValue().amount(), plan.orders(),
        plan.dropped()));
  }

  /**
   * {@code POST}: the plan handed to the portfolio's strategy, which journals it as a decision and
   * treats it by its mode: a dry run keeps it a proposal, paper (and live) screen and send its intents.
   * With an {@code Idempotency-Key} the strategy journals the key with the decision: the same request
   * again (a retry) is answered with that decision and sends nothing; the key with another portfolio
   * or body is refused (422).
   */
  private HttpResponse send(String portfolio, String key, String body) {
    String digest = null;
    if (key != null) {
      var limit = dev.ballast.engine.model.InputLimits.IDEMPOTENCY_KEY;
      if (key.length() > limit.maxLength() || !limit.form().matcher(key).matches()) {
        String why = "at most " + limit.maxLength() + " characters, " + limit.formText();
        return problem(Problem.badRequest("the " + IDEMPOTENCY_KEY + " header is not a key: " + why,
            List.of(new dev.ballast.engine.model.FieldError(0, IDEMPOTENCY_KEY, why))));
      }
      if (queries.portfolio(portfolio).isEmpty()) {
        return problem(Problem.notFound("no portfolio " + portfolio));
      }
      digest = requestDigest(portfolio, body);
      dev.ballast.engine.model.PortfolioId id = dev.ballast.engine.model.PortfolioId.of(portfolio);
      String requested = digest;
      dev.ballast.engine.strategy.PlanRequestKey.Claimed holder = await(context.sharding()
          .entityRefFor(dev.ballast.engine.strategy.PlanRequestKey.ENTITY_KEY, key)
          .<dev.ballast.engine.strategy.PlanRequestKey.Claimed>ask(r -> new dev.ballast.engine.strategy.PlanRequestKey.Claim(id, requested, r),
              context.askTimeout()));
      if (!holder.holds(id, digest)) {
        return keyReused(key, holder.portfolio().equals(id) ? "portfolio " + portfolio + " with another request body"
            : "portfolio " + holder.portfolio().value());
      }
      // a retry is answered before anything is gathered again: the prices may have moved since, or be missing now
      Strategy.State state = await(context.sharding().entityRefFor(Strategy.ENTITY_KEY, portfolio)
          .<Strategy.State>ask(Strategy.Get::new, context.askTimeout()));
      if (state instanceof Strategy.Configured c && c.planRequests().containsKey(key)) {
        Strategy.PlanRequest earlier = c.planRequests().get(key);
        return earlier.requestDigest().equals(digest) ? repeated(portfolio, key, earlier.decisionId())
            : keyReused(key, "portfolio " + portfolio + " with another request body");
      }
    }
    Gathered g = gather(portfolio);
    if (g.problem() != null) {
      return g.problem();
    }
    PolicyContext.Planner planner = new PolicyContext.Planner(g.inputs(), settings.tax(), g.fx());
    String requested = digest;
    Strategy.CheckResult result = await(context.sharding().entityRefFor(Strategy.ENTITY_KEY, portfolio)
        .<Strategy.CheckResult>ask(r -> new Strategy.ProposePlanRequest(key, requested, planner, g.pricedAt(), r), context.askTimeout()));
    if (result instanceof Strategy.Refused refused) {
      if (refused.error() instanceof dev.ballast.engine.model.CommandError.NotFound) {
        return problem(Problem.conflict("portfolio " + portfolio + " has no strategy to send a plan through: configure one with PUT /api/strategies/"
            + portfolio + " (its mode decides whether the plan is sent)"));
      }
      if (key != null && refused.error() instanceof dev.ballast.engine.model.CommandError.Conflict) {
        return keyReused(key, "portfolio " + portfolio + " with another request body");
      }
      return refusal(refused.error());
    }
    if (result instanceof Strategy.AlreadyDecided already) {
      // two tries of one request were under way at once: the first decided
      return repeated(portfolio, key, already.decisionId());
    }
    return json(200, decisionReply(portfolio, key, false, ((Strategy.Decided) result).decision()));
  }

  private HttpResponse keyReused(String key, String firstUse) {
    return problem(Problem.http(422, "Idempotency key reused", IDEMPOTENCY_KEY + " " + key + " was first sent for " + firstUse
        + ": a key names one request; send a new key for a new request"));
  }

  /** The answer to a repeated request: its decision as journaled, nothing decided or sent again. */
  private HttpResponse repeated(String portfolio, String key, String decisionId) {
    Optional<Strategy.RebalanceDecided> decided = decisions == null ? Optional.empty() : decisions.find(decisionId);
    if (decided.isEmpty()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("portfolio", portfolio);
      out.put("decisionId", decisionId);
      out.put("idempotencyKey", key);
      out.put("repeated", true);
      return json(200, out);
    }
    return json(200, decisionReply(portfolio, key, true, decided.get()));
  }

  private static Map<String, Object> decisionReply(String portfolio, String key, boolean repeated, Strategy.RebalanceDecided d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("portfolio", portfolio);
    out.put("decisionId", d.decisionId());
    out.put("mode", d.mode());
    out.put("sent", d.mode() != StrategyMode.DRY_RUN && !d.plan().intents().isEmpty());
    out.put("intents", d.plan().intents());
    out.put("notes", d.plan().notes());
    out.put("problems", d.plan().problems());
    if (key != null) {
      out.put("idempotencyKey", key);
      out.put("repeated", repeated);
    }
    return out;
  }

  /** What tells one request from another under a key: the portfolio and the body (JSON compared as read, an empty body as {}). */
  private String requestDigest(String portfolio, String body) {
    String text = body == null || body.isBlank() ? "{}" : body.strip();
    try {
      text = context.json().readTree(text).toString();
    } catch (java.io.IOException notJson) {
      // compared as sent
    }
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
          .digest((portfolio + "\n" + text).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "sha256:" + java.util.HexFormat.of().formatHex(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JVM", e);
    }
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private Gathered conflict(String message) {
    return new Gathered(problem(Problem.conflict(message)), null, null, null);
  }

  private Gathered gather(String portfolio) {
    Optional<PortfolioRow> found = queries.portfolio(portfolio);
    if (found.isEmpty()) {
      return new Gathered(problem(Problem.notFound("no portfolio " + portfolio)), null, null, null);
    }
    PortfolioRow row = found.get();
    if (row.target() == null) {
      return conflict("portfolio " + portfolio + " has no target: set one with PUT /api/portfolios/" + portfolio + "/target");
    }
    TargetAllocation target;
    try {
      target = context.json().readValue(row.target(), TargetAllocation.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("portfolio " + portfolio + ": stored target is not readable", e);
    }
    if (target.kind() != TargetAllocation.Kind.ASSET) {
      return conflict("portfolio " + portfolio + " has a target by " + target.kind() + "; the planner needs one by ASSET");
    }
    AssetId base = AssetId.of(row.baseCurrency());
    Map<AssetId, BigDecimal> weights = new LinkedHashMap<>();
    List<PlannerInputs.Placed> placed = new ArrayList<>();
    for (TargetAllocation.Target t : target.targets()) {
      AssetId asset = AssetId.of(t.key());
      if (asset.equals(base)) {
        continue;
      }
      if (t.account() != null) {
        // asset location: this weight is held in that account, and traded there only
        placed.add(new PlannerInputs.Placed(t.accountId(), asset, t.weightPercent().divide(TargetAllocation.HUNDRED)));
      } else {
        weights.put(asset, t.weightPercent().divide(TargetAllocation.HUNDRED));
      }
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    FxRateProvider fx = storedThenConfigured();
    List<PlannerInputs.AccountState> accounts = new ArrayList<>();
    Map<AssetId, FxRate> rates = new java.util.TreeMap<>();
    Map<String, VenueRule> venues = new HashMap<>();
    Set<AssetId> priced = new HashSet<>(weights.keySet());
    placed.forEach(p -> priced.add(p.asset()));
    for (String id : row.accounts()) {
      Optional<AccountRow> account = queries.account(id);
      if (account.isEmpty()) {
        continue;
      }
      AccountRow a = account.get();
      // the entity's own book: its lots as they are now, with no replay of the ledger on this request
      AccountLedger.State state = await(context.sharding().entityRefFor(AccountLedger.ENTITY_KEY, id)
          .<AccountLedger.State>ask(AccountLedger.Get::new, context.askTimeout()));
      if (!(state instanceof AccountLedger.OpenAccount open)) {
        continue;
      }
      LedgerBook book = open.book();
      AssetId accountCurrency = AssetId.of(a.currency());
      if (!accountCurrency.equals(base) && !rates.containsKey(accountCurrency)) {
        // today's rate goes with a plan sent to the strategy: an intent on an instrument quoted in the account's currency is priced there
        Optional<BigDecimal> rate = fx.rate(accountCurrency, base, today);
        if (rate.isPresent()) {
          rates.put(accountCurrency, new FxRate(accountCurrency, base, rate.get()));
        }
      }
      List<PlannerInputs.HeldLot> lots = new ArrayList<>();
      for (Position p : book.positions().values()) {
        for (Lot lot : p.lots().asList()) {
          if (lot.quantity().signum() > 0) {
            // a cost not known (coins deposited without a price) counts as zero: the whole value a gain, the cautious guess
            Money cost = lot.costInAccount() != null ? lot.costInAccount() : Money.zero(accountCurrency);
            if (!cost.currency().equals(base)) {
              // a gain in the base currency is against the cost at the rate of the day the lot was opened
              LocalDate opened = LocalDate.ofInstant(lot.openedAt(), ZoneOffset.UTC);
              Optional<BigDecimal> rate = cost.signum() == 0 ? Optional.of(BigDecimal.ONE) : fx.rate(cost.currency(), base, opened);
              if (rate.isEmpty()) {
                return conflict("no " + cost.currency() + "/" + base + " rate on or before " + opened + " (stored or in ballast.trading.fx)"
                    + " for the cost of the " + p.asset() + " lot opened then in account " + id);
              }
              cost = new Money(cost.amount().multiply(rate.get()), base);
            }
            lots.add(new PlannerInputs.HeldLot(p.asset(), lot.openedAt(), lot.quantity(), cost));
            priced.add(p.asset());
          }
        }
      }
      BigDecimal cash = BigDecimal.ZERO;
      for (Map.Entry<AssetId, BigDecimal> c : new java.util.TreeMap<>(book.cash()).entrySet()) {
        if (c.getValue().signum() == 0) {
          continue;
        }
        Optional<BigDecimal> rate = c.getKey().equals(base) ? Optional.of(BigDecimal.ONE) : fx.rate(c.getKey(), base, today);
        if (rate.isEmpty()) {
          return conflict("no " + c.getKey() + "/" + base + " rate on or before " + today + " (stored or in ballast.trading.fx) for the "
              + c.getKey() + " cash of account " + id);
        }
        cash = cash.add(c.getValue().multiply(rate.get()));
      }
      String venue = a.provider() == null ? "default" : a.provider();
      PlannerSettings.Venue v = settings.venue(a.provider());
      venues.put(venue, v.rule(venue, base));
      Set<AssetId> targeted = new HashSet<>(weights.keySet());
      placed.forEach(p -> targeted.add(p.asset()));
      Set<AssetId> tradable = new HashSet<>(v.assets().orElse(targeted));
      lots.forEach(l -> tradable.add(l.asset()));
      TaxWrapper kind = a.taxWrapper() == null ? null : TaxWrapper.valueOf(a.taxWrapper());
      accounts.add(new PlannerInputs.AccountState(AccountId.of(id), kind, venue, new Money(cash, base), lots, tradable));
    }
    // one unit of each asset valued in the base currency is its price there, through the same store and FX legs as the snapshot
    List<Holding> probes = priced.stream().map(asset -> new Holding(PRICE_PROBE, asset, BigDecimal.ONE, null)).toList();
    Snapshot snapshot = Snapshot.of(probes, catalog::find, marketData.store(), new AsOfRates(marketData.store(), AssetId.of("USD"), Period.ofDays(7)),
        base, today, marketData.settings()::staleAfter);
    Map<AssetId, Money> prices = new HashMap<>();
    Map<AssetId, java.time.Instant> pricedAt = new HashMap<>();
    java.time.Instant now = clock.instant();
    List<String> missing = new ArrayList<>();
    for (SnapshotLine line : snapshot.lines()) {
      if (line.value() == null || line.value().signum() <= 0 || line.problem() != null) {
        missing.add(line.asset() + (line.problem() == null ? ": no price" : ": " + line.problem()));
      } else {
        prices.put(line.asset(), new Money(line.value().round(MathContext.DECIMAL128), base));
        if (line.priceDate() != null) {
          // a daily close is known once its day has closed (UTC); today's, at most now
          java.time.Instant closed = line.priceDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
          pricedAt.put(line.asset(), closed.isAfter(now) ? now : closed);
        }
      }
    }
    if (!missing.isEmpty()) {
      return conflict("no plan without a price in " + base + " on " + today + " for " + String.join("; ", missing));
    }
    try {
      return new Gathered(null, new PlannerInputs(base, weights, accounts, venues, prices, placed), today, List.copyOf(rates.values()), pricedAt);
    } catch (IllegalArgumentException e) {
      return conflict(e.getMessage());
    }
  }

  /** The plan as the API shows it. */
  public record PlanResponse(String portfolio, String date, String currency, BigDecimal totalValue, List<Plan.PlannedOrder> orders,
      List<Plan.Dropped> dropped) {}
}
