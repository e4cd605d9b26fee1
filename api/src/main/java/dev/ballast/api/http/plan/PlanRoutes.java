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

  private final BallastQueries queries;
  private final MarketData marketData;
  private final InMemoryAssetCatalog catalog;
  private final PlannerSettings settings;
  private final Clock clock;
  private final FxRateProvider configuredFx;
  private final PortfolioOptimize optimize;

  /** Routes whose FX is the price store's only. */
  public PlanRoutes(ApiContext context, BallastQueries queries, MarketData marketData, InMemoryAssetCatalog catalog, PlannerSettings settings,
      Clock clock) {
    this(context, queries, marketData, catalog, settings, clock, (from, to, date) -> Optional.empty());
  }

  /** @param configuredFx the configured rates ({@code ballast.trading.fx}), used where the price store has none */
  public PlanRoutes(ApiContext context, BallastQueries queries, MarketData marketData, InMemoryAssetCatalog catalog, PlannerSettings settings,
      Clock clock, FxRateProvider configuredFx) {
    super(context);
    this.queries = queries;
    this.marketData = marketData;
    this.catalog = catalog;
    this.settings = settings;
    this.clock = clock;
    this.configuredFx = configuredFx;
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
            post(() -> completeBlocking(() -> send(portfolio))))),
        path("optimize", () -> get(() -> parameterMultiMap(query -> completeBlocking(() -> optimize.run(portfolio, query)))))));
  }

  /** A problem to answer, or the plan's inputs. */
  private record Gathered(HttpResponse problem, PlannerInputs inputs, LocalDate date, List<FxRate> fx) {}

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
   */
  private HttpResponse send(String portfolio) {
    Gathered g = gather(portfolio);
    if (g.problem() != null) {
      return g.problem();
    }
    PolicyContext.Planner planner = new PolicyContext.Planner(g.inputs(), settings.tax(), g.fx());
    Strategy.CheckResult result = await(context.sharding().entityRefFor(Strategy.ENTITY_KEY, portfolio)
        .<Strategy.CheckResult>ask(r -> new Strategy.ProposePlan(planner, r), context.askTimeout()));
    if (result instanceof Strategy.Refused refused) {
      if (refused.error() instanceof dev.ballast.engine.model.CommandError.NotFound) {
        return problem(Problem.conflict("portfolio " + portfolio + " has no strategy to send a plan through: configure one with PUT /api/strategies/"
            + portfolio + " (its mode decides whether the plan is sent)"));
      }
      return refusal(refused.error());
    }
    Strategy.RebalanceDecided d = ((Strategy.Decided) result).decision();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("portfolio", portfolio);
    out.put("decisionId", d.decisionId());
    out.put("mode", d.mode());
    out.put("sent", d.mode() != StrategyMode.DRY_RUN && !d.plan().intents().isEmpty());
    out.put("intents", d.plan().intents());
    out.put("notes", d.plan().notes());
    out.put("problems", d.plan().problems());
    return json(200, out);
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
    for (TargetAllocation.Target t : target.targets()) {
      AssetId asset = AssetId.of(t.key());
      if (!asset.equals(base)) {
        weights.put(asset, t.weightPercent().divide(TargetAllocation.HUNDRED));
      }
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    FxRateProvider fx = storedThenConfigured();
    List<PlannerInputs.AccountState> accounts = new ArrayList<>();
    Map<AssetId, FxRate> rates = new java.util.TreeMap<>();
    Map<String, VenueRule> venues = new HashMap<>();
    Set<AssetId> priced = new HashSet<>(weights.keySet());
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
      Set<AssetId> tradable = new HashSet<>(v.assets().orElse(weights.keySet()));
      lots.forEach(l -> tradable.add(l.asset()));
      TaxWrapper kind = a.taxWrapper() == null ? null : TaxWrapper.valueOf(a.taxWrapper());
      accounts.add(new PlannerInputs.AccountState(AccountId.of(id), kind, venue, new Money(cash, base), lots, tradable));
    }
    // one unit of each asset valued in the base currency is its price there, through the same store and FX legs as the snapshot
    List<Holding> probes = priced.stream().map(asset -> new Holding(PRICE_PROBE, asset, BigDecimal.ONE, null)).toList();
    Snapshot snapshot = Snapshot.of(probes, catalog::find, marketData.store(), new AsOfRates(marketData.store(), AssetId.of("USD"), Period.ofDays(7)),
        base, today, marketData.settings()::staleAfter);
    Map<AssetId, Money> prices = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (SnapshotLine line : snapshot.lines()) {
      if (line.value() == null || line.value().signum() <= 0 || line.problem() != null) {
        missing.add(line.asset() + (line.problem() == null ? ": no price" : ": " + line.problem()));
      } else {
        prices.put(line.asset(), new Money(line.value().round(MathContext.DECIMAL128), base));
      }
    }
    if (!missing.isEmpty()) {
      return conflict("no plan without a price in " + base + " on " + today + " for " + String.join("; ", missing));
    }
    try {
      return new Gathered(null, new PlannerInputs(base, weights, accounts, venues, prices), today, List.copyOf(rates.values()));
    } catch (IllegalArgumentException e) {
      return conflict(e.getMessage());
    }
  }

  /** The plan as the API shows it. */
  public record PlanResponse(String portfolio, String date, String currency, BigDecimal totalValue, List<Plan.PlannedOrder> orders,
      List<Plan.Dropped> dropped) {}
}
