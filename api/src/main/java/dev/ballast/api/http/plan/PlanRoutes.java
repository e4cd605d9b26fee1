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
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.planner.MultiAccountPlanner;
import dev.ballast.engine.planner.Plan;
import dev.ballast.engine.planner.PlannerInputs;
import dev.ballast.engine.planner.VenueRule;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.persistence.query.AccountRow;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.PortfolioRow;
import dev.ballast.persistence.query.TransactionRow;
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
 * accounts' lots and cash, today's stored prices and {@code ballast.planner}; shown, never sent.
 */
public final class PlanRoutes extends RouteSupport {
  private static final String PRICE_PROBE = "price-probe";

  private final BallastQueries queries;
  private final MarketData marketData;
  private final InMemoryAssetCatalog catalog;
  private final PlannerSettings settings;
  private final Clock clock;

  public PlanRoutes(ApiContext context, BallastQueries queries, MarketData marketData, InMemoryAssetCatalog catalog, PlannerSettings settings,
      Clock clock) {
    super(context);
    this.queries = queries;
    this.marketData = marketData;
    this.catalog = catalog;
    this.settings = settings;
    this.clock = clock;
  }

  public Route route() {
    return pathPrefix(PathMatchers.segment(), portfolio -> path("plan", () -> get(() -> completeBlocking(() -> plan(portfolio)))));
  }

  private HttpResponse plan(String portfolio) {
    Optional<PortfolioRow> found = queries.portfolio(portfolio);
    if (found.isEmpty()) {
      return problem(Problem.notFound("no portfolio " + portfolio));
    }
    PortfolioRow row = found.get();
    if (row.target() == null) {
      return problem(Problem.conflict("portfolio " + portfolio + " has no target: set one with PUT /api/portfolios/" + portfolio + "/target"));
    }
    TargetAllocation target;
    try {
      target = context.json().readValue(row.target(), TargetAllocation.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("portfolio " + portfolio + ": stored target is not readable", e);
    }
    if (target.kind() != TargetAllocation.Kind.ASSET) {
      return problem(Problem.conflict("portfolio " + portfolio + " has a target by " + target.kind() + "; the planner needs one by ASSET"));
    }
    AssetId base = AssetId.of(row.baseCurrency());
    Map<AssetId, BigDecimal> weights = new LinkedHashMap<>();
    for (TargetAllocation.Target t : target.targets()) {
      AssetId asset = AssetId.of(t.key());
      if (!asset.equals(base)) {
        weights.put(asset, t.weightPercent().divide(TargetAllocation.HUNDRED));
      }
    }
    List<PlannerInputs.AccountState> accounts = new ArrayList<>();
    Map<String, VenueRule> venues = new HashMap<>();
    Set<AssetId> priced = new HashSet<>(weights.keySet());
    for (String id : row.accounts()) {
      Optional<AccountRow> account = queries.account(id);
      if (account.isEmpty()) {
        continue;
      }
      AccountRow a = account.get();
      if (!a.currency().equals(base.value())) {
        return problem(Problem.conflict("account " + id + " keeps its costs in " + a.currency() + ", not the portfolio's " + base
            + ": the planner compares costs and prices in one currency"));
      }
      LedgerBook book = LedgerBook.empty(base, a.allowShort());
      for (TransactionRow t : queries.ledger(id)) {
        try {
          book = book.next(t.transactionId(), context.json().readValue(t.transaction(), Transaction.class));
        } catch (java.io.IOException e) {
          throw new IllegalStateException("transaction " + t.transactionId() + " on the read side does not read back", e);
        }
      }
      List<PlannerInputs.HeldLot> lots = new ArrayList<>();
      for (Position p : book.positions().values()) {
        for (Lot lot : p.lots().asList()) {
          if (lot.quantity().signum() > 0) {
            // a cost not known (coins deposited without a price) counts as zero: the whole value a gain, the cautious guess
            Money cost = lot.costInAccount() != null ? lot.costInAccount() : Money.zero(base);
            lots.add(new PlannerInputs.HeldLot(p.asset(), lot.openedAt(), lot.quantity(), cost));
            priced.add(p.asset());
          }
        }
      }
      String venue = a.provider() == null ? "default" : a.provider();
      PlannerSettings.Venue v = settings.venue(a.provider());
      venues.put(venue, v.rule(venue, base));
      Set<AssetId> tradable = new HashSet<>(v.assets().orElse(weights.keySet()));
      lots.forEach(l -> tradable.add(l.asset()));
      TaxWrapper kind = a.taxWrapper() == null ? null : TaxWrapper.valueOf(a.taxWrapper());
      accounts.add(new PlannerInputs.AccountState(AccountId.of(id), kind, venue,
          new Money(book.cash().getOrDefault(base, BigDecimal.ZERO), base), lots, tradable));
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
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
      return problem(Problem.conflict("no plan without a price in " + base + " on " + today + " for " + String.join("; ", missing)));
    }
    PlannerInputs inputs;
    try {
      inputs = new PlannerInputs(base, weights, accounts, venues, prices);
    } catch (IllegalArgumentException e) {
      return problem(Problem.conflict(e.getMessage()));
    }
    Plan plan = new MultiAccountPlanner(settings.tax()).plan(inputs);
    return json(200, new PlanResponse(portfolio, today.toString(), base.value(), plan.totalValue().amount(), plan.orders(), plan.dropped()));
  }

  /** The plan as the API shows it. */
  public record PlanResponse(String portfolio, String date, String currency, BigDecimal totalValue, List<Plan.PlannedOrder> orders,
      List<Plan.Dropped> dropped) {}
}
