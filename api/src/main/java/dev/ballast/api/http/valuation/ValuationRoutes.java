package dev.ballast.api.http.valuation;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.api.server.MarketData;
import dev.ballast.engine.asset.InMemoryAssetCatalog;
import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.valuation.Allocation;
import dev.ballast.engine.marketdata.valuation.Holding;
import dev.ballast.engine.marketdata.valuation.Snapshot;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.PortfolioRow;
import dev.ballast.persistence.query.PositionRow;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/valuation/portfolios/{id}/snapshot?currency=JPY|USD|EUR|BTC&date=DATE}: the
 * portfolio's positions from the read side valued from the price store; {@code .../allocation?scope=all|crypto|traditional}:
 * those values against the portfolio's target.
 */
public final class ValuationRoutes extends RouteSupport {
  /** How old an FX rate may be when valuing (a long weekend and a holiday). */
  static final Period FX_MAX_AGE = Period.ofDays(7);

  private final BallastQueries queries;
  private final MarketData marketData;
  private final InMemoryAssetCatalog catalog;
  private final Clock clock;

  public ValuationRoutes(ApiContext context, BallastQueries queries, MarketData marketData, InMemoryAssetCatalog catalog, Clock clock) {
    super(context);
    this.queries = queries;
    this.marketData = marketData;
    this.catalog = catalog;
    this.clock = clock;
  }

  public Route route() {
    return pathPrefix("portfolios", () -> pathPrefix(PathMatchers.segment(), id -> concat(
        path("snapshot", () -> get(() -> parameterOptional("currency", currency -> parameterOptional("date", date ->
            valued(id, currency, date, (row, snapshot) -> json(200, SnapshotResponse.of(id, snapshot))))))),
        path("allocation", () -> get(() -> parameterOptional("currency", currency -> parameterOptional("date", date ->
            parameterOptional("scope", scope -> allocation(id, currency, date, scope)))))))));
  }

  private Route allocation(String portfolio, Optional<String> currency, Optional<String> date, Optional<String> scopeText) {
    Allocation.Scope scope;
    try {
      scope = Allocation.Scope.valueOf(scopeText.orElse("all").trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return refused(List.of(new FieldError(0, "scope", "expected all, crypto or traditional, got \"" + scopeText.get() + "\"")));
    }
    return valued(portfolio, currency, date, (row, snapshot) -> {
      if (row.target() == null) {
        return problem(Problem.conflict("portfolio " + portfolio + " has no target: set one with PUT /api/portfolios/" + portfolio + "/target"));
      }
      TargetAllocation target;
      try {
        target = context.json().readValue(row.target(), TargetAllocation.class);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("portfolio " + portfolio + ": stored target is not readable", e);
      }
      Allocation a = Allocation.of(snapshot, target, scope);
      return json(200, new AllocationResponse(portfolio, snapshot.date().toString(), snapshot.currency().value(),
          scope.name().toLowerCase(java.util.Locale.ROOT), a.kind().name(), a.total(), a.unvalued(), a.rows()));
    });
  }

  /** The answer built from a portfolio's snapshot. */
  private interface FromSnapshot {
    HttpResponse answer(PortfolioRow row, Snapshot snapshot);
  }

  private Route valued(String portfolio, Optional<String> currencyText, Optional<String> dateText, FromSnapshot answer) {
    List<FieldError> errors = new ArrayList<>();
    AssetId currency = null;
    if (currencyText.isPresent()) {
      try {
        currency = AssetId.of(currencyText.get());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(0, "currency", e.getMessage()));
      }
    }
    LocalDate date = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (dateText.isPresent()) {
      try {
        date = LocalDate.parse(dateText.get());
      } catch (DateTimeParseException e) {
        errors.add(new FieldError(0, "date", "expected a date yyyy-mm-dd, got \"" + dateText.get() + "\""));
      }
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    AssetId asked = currency;
    LocalDate on = date;
    return completeBlocking(() -> {
      var row = queries.portfolio(portfolio);
      if (row.isEmpty()) {
        return problem(Problem.notFound("no portfolio " + portfolio));
      }
      AssetId in = asked != null ? asked : AssetId.of(row.get().baseCurrency());
      List<Holding> holdings = new ArrayList<>();
      for (PositionRow p : queries.portfolioPositions(portfolio)) {
        if (p.quantity() == null || p.quantity().signum() == 0) {
          continue;
        }
        Money cost = p.cost() == null || p.costCurrency() == null ? null : new Money(p.cost(), AssetId.of(p.costCurrency()));
        holdings.add(new Holding(p.accountId(), AssetId.of(p.asset()), p.quantity(), cost));
      }
      Snapshot snapshot = Snapshot.of(holdings, catalog::find, marketData.store(),
          new AsOfRates(marketData.store(), AssetId.of("USD"), FX_MAX_AGE), in, on, marketData.settings()::staleAfter);
      return answer.answer(row.get(), snapshot);
    });
  }
}
