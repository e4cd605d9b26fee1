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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import dev.ballast.engine.analytics.performance.CumulativeReturn;
import dev.ballast.engine.analytics.report.ReportSettings;
import dev.ballast.engine.analytics.report.SeriesReport;
import dev.ballast.engine.analytics.risk.BenchmarkStatistics;
import dev.ballast.engine.analytics.series.ReturnSeries;
import dev.ballast.engine.analytics.series.ValuationHistory;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.InputLimits;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/valuation/portfolios/{id}/snapshot?currency=JPY|USD|EUR|BTC&date=DATE}: the
 * portfolio's positions from the read side valued from the price store; {@code .../allocation?scope=all|crypto|traditional}:
 * those values against the portfolio's target; {@code .../history?currency&from&to&by=account,asset,class,venue,currency} (also
 * {@code /api/valuation/accounts/{id}/history}): the daily value with flows apart; {@code .../metrics?currency&from&to&benchmark
 * &periods-per-year&risk-free}: the analytics over that history.
 */
public final class ValuationRoutes extends RouteSupport {
  /** How old an FX rate may be when valuing (a long weekend and a holiday). */
  static final Period FX_MAX_AGE = Period.ofDays(7);

  private final BallastQueries queries;
  private final MarketData marketData;
  private final InMemoryAssetCatalog catalog;
  private final Clock clock;
  private final Histories histories;
  private final dev.ballast.persistence.marketdata.LatestRatesCache latest;

  public ValuationRoutes(ApiContext context, BallastQueries queries, MarketData marketData, InMemoryAssetCatalog catalog, Clock clock) {
    super(context);
    this.queries = queries;
    this.marketData = marketData;
    this.catalog = catalog;
    this.clock = clock;
    this.histories = new Histories(queries, marketData, catalog, context.json());
    // a snapshot's prices and rates come from one query per store write and date, not a query per position and leg
    this.latest = new dev.ballast.persistence.marketdata.LatestRatesCache(marketData.store(), LATEST_MAX_AGE);
  }

  /** How long the latest rates are reused without a write of this server: bounds what a write by another process leaves unseen. */
  static final java.time.Duration LATEST_MAX_AGE = java.time.Duration.ofSeconds(5);

  public Route route() {
    return concat(
        pathPrefix("portfolios", () -> pathPrefix(PathMatchers.segment(), id -> concat(
            path("snapshot", () -> get(() -> parameterOptional("currency", currency -> parameterOptional("date", date ->
                valued(id, currency, date, (row, snapshot) -> json(200, SnapshotResponse.of(id, snapshot, views(row)))))))),
            path("allocation", () -> get(() -> parameterOptional("currency", currency -> parameterOptional("date", date ->
                parameterOptional("scope", scope -> allocation(id, currency, date, scope)))))),
            path("history", () -> get(() -> range((currency, from, to) -> parameterOptional("by", by ->
                history(id, null, currency, from, to, by))))),
            path("metrics", () -> get(() -> range((currency, from, to) -> parameterOptional("benchmark", benchmark ->
                parameterOptional("periods-per-year", periods -> parameterOptional("risk-free", riskFree ->
                    metrics(id, currency, from, to, benchmark, periods, riskFree)))))))))),
        pathPrefix("accounts", () -> pathPrefix(PathMatchers.segment(), id ->
            path("history", () -> get(() -> range((currency, from, to) -> parameterOptional("by", by ->
                history(null, id, currency, from, to, by))))))));
  }

  // ---- value history and metrics ----------------------------------------------------------

  /** The query parameters every history reads. */
  private interface RangeRoute {
    Route apply(Optional<String> currency, Optional<String> from, Optional<String> to);
  }

  private Route range(RangeRoute inner) {
    return parameterOptional("currency", c -> parameterOptional("from", f -> parameterOptional("to", t -> inner.apply(c, f, t))));
  }

  /** A parsed range; from and to are null when not given. */
  private record Asked(AssetId currency, LocalDate from, LocalDate to) {}

  private Asked asked(Optional<String> currencyText, Optional<String> fromText, Optional<String> toText, List<FieldError> errors) {
    AssetId currency = null;
    if (currencyText.isPresent()) {
      try {
        currency = AssetId.of(currencyText.get());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(0, "currency", e.getMessage()));
      }
    }
    LocalDate from = date("from", fromText, errors);
    LocalDate to = date("to", toText, errors);
    if (from != null && to != null && to.isBefore(from)) {
      errors.add(new FieldError(0, "to", to + " is before from " + from));
    }
    return new Asked(currency, from, to);
  }

  private static LocalDate date(String field, Optional<String> text, List<FieldError> errors) {
    if (text.isEmpty() || text.get().isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.get().trim());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(0, field, "expected a date yyyy-mm-dd, got \"" + text.get() + "\""));
      return null;
    }
  }

  /** The ledgers, currency and days of a history: of a portfolio ({@code account} null) or of one account. */
  private record Subject(List<ValueHistory.Ledger> ledgers, AssetId currency, LocalDate from, LocalDate to) {}

  /** The subject of a history request, or the answer that refuses it. */
  private Object subject(String portfolio, String account, Asked asked) {
    List<String> accounts;
    AssetId base;
    if (portfolio != null) {
      Optional<PortfolioRow> row = queries.portfolio(portfolio);
      if (row.isEmpty()) {
        return problem(Problem.notFound("no portfolio " + portfolio));
      }
      accounts = row.get().accounts();
      base = AssetId.of(row.get().baseCurrency());
    } else {
      var row = queries.account(account);
      if (row.isEmpty()) {
        return problem(Problem.notFound("no account " + account));
      }
      accounts = List.of(account);
      base = AssetId.of(row.get().currency());
    }
    List<ValueHistory.Ledger> ledgers = histories.ledgers(accounts);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate to = asked.to() != null ? asked.to() : today;
    LocalDate from = asked.from() != null ? asked.from() : Histories.firstDay(ledgers).filter(d -> !d.isAfter(to)).orElse(to);
    if (to.isBefore(from)) {
      return problem(dev.ballast.api.http.Refusals.invalid(List.of(new FieldError(0, "to", to + " is before from " + from))));
    }
    long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
    if (days > InputLimits.HISTORY_DAYS) {
      return problem(dev.ballast.api.http.Refusals.invalid(List.of(new FieldError(0, "from", "the range " + from + " to " + to + " is "
          + days + " days; at most " + InputLimits.HISTORY_DAYS))));
    }
    return new Subject(ledgers, asked.currency() != null ? asked.currency() : base, from, to);
  }

  private Route history(String portfolio, String account, Optional<String> currency, Optional<String> from, Optional<String> to,
      Optional<String> byText) {
    List<FieldError> errors = new ArrayList<>();
    Asked asked = asked(currency, from, to, errors);
    Set<ValueHistory.Breakdown> by = EnumSet.noneOf(ValueHistory.Breakdown.class);
    if (byText.isPresent() && !byText.get().isBlank()) {
      for (String part : byText.get().split(",")) {
        switch (part.trim().toLowerCase(java.util.Locale.ROOT)) {
          case "account" -> by.add(ValueHistory.Breakdown.ACCOUNT);
          case "asset" -> by.add(ValueHistory.Breakdown.ASSET);
          case "class" -> by.add(ValueHistory.Breakdown.CLASS);
          case "venue" -> by.add(ValueHistory.Breakdown.VENUE);
          case "currency" -> by.add(ValueHistory.Breakdown.CURRENCY);
          default -> errors.add(new FieldError(0, "by", "expected account, asset, class, venue or currency, comma separated, got \""
              + part.trim() + "\""));
        }
      }
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    return completeBlocking(() -> {
      Object s = subject(portfolio, account, asked);
      if (!(s instanceof Subject subject)) {
        return s instanceof HttpResponse r ? r : problem(Problem.internal());
      }
      var answer = histories.answer(subject.ledgers(), subject.currency(), subject.from(), subject.to(), by);
      return json(200, HistoryResponse.of(portfolio, account, answer.history(), answer.precomputed()));
    });
  }

  private Route metrics(String portfolio, Optional<String> currency, Optional<String> from, Optional<String> to,
      Optional<String> benchmarkText, Optional<String> periodsText, Optional<String> riskFreeText) {
    List<FieldError> errors = new ArrayList<>();
    Asked asked = asked(currency, from, to, errors);
    AssetId benchmark = null;
    if (benchmarkText.isPresent() && !benchmarkText.get().isBlank()) {
      try {
        benchmark = AssetId.of(benchmarkText.get().trim());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(0, "benchmark", e.getMessage()));
      }
    }
    ReportSettings settings = null;
    try {
      int periods = periodsText.map(t -> Integer.parseInt(t.trim())).orElse(365);
      double riskFree = riskFreeText.map(t -> Double.parseDouble(t.trim())).orElse(0.0);
      settings = ReportSettings.defaults(periods).withRiskFree(dev.ballast.engine.analytics.risk.RiskFreeRate.annual(riskFree));
    } catch (NumberFormatException e) {
      errors.add(new FieldError(0, periodsText.isPresent() && !isInt(periodsText.get()) ? "periods-per-year" : "risk-free",
          "not a number: " + e.getMessage()));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(0, e.getMessage().startsWith("annualRate") ? "risk-free" : "periods-per-year", e.getMessage()));
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    AssetId against = benchmark;
    ReportSettings chosen = settings;
    return completeBlocking(() -> {
      Object s = subject(portfolio, null, asked);
      if (!(s instanceof Subject subject)) {
        return s instanceof HttpResponse r ? r : problem(Problem.internal());
      }
      if (against != null && !against.isFiat() && catalog.find(against).isEmpty()) {
        return problem(dev.ballast.api.http.Refusals.invalid(List.of(new FieldError(0, "benchmark", "unknown asset " + against))));
      }
      ValueHistory h = histories.history(subject.ledgers(), subject.currency(), subject.from(), subject.to(), Set.of());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("portfolio", portfolio);
      body.put("currency", subject.currency().value());
      body.put("from", subject.from().toString());
      body.put("to", subject.to().toString());
      try {
        ValuationHistory valuations = h.valuations();
        body.putAll(SeriesReport.of(valuations, chosen).metrics());
        if (against != null) {
          ValuationHistory b = histories.benchmark(against, subject.currency(), subject.from(), subject.to()).valuations();
          double[] r = ReturnSeries.of(valuations.series()).toArray();
          double[] rb = ReturnSeries.of(b.series()).toArray();
          Map<String, Object> vs = new LinkedHashMap<>();
          vs.put("asset", against.value());
          vs.put("time_weighted_return", defined(CumulativeReturn.of(rb)));
          vs.put("beta", defined(BenchmarkStatistics.beta(r, rb)));
          vs.put("alpha", defined(BenchmarkStatistics.alpha(r, rb, chosen.riskFree(), chosen.periodsPerYear())));
          vs.put("tracking_error", defined(BenchmarkStatistics.trackingError(r, rb, chosen.periodsPerYear())));
          vs.put("information_ratio", defined(BenchmarkStatistics.informationRatio(r, rb, chosen.periodsPerYear())));
          body.put("benchmark", vs);
        }
      } catch (ValueHistory.IncompleteHistoryException e) {
        return problem(Problem.conflict(e.getMessage()));
      }
      return json(200, body);
    });
  }

  private static boolean isInt(String text) {
    try {
      Integer.parseInt(text.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Double defined(double v) {
    return Double.isNaN(v) ? null : v;
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
      TargetAllocation target = target(row);
      Allocation a = Allocation.of(snapshot, target, scope);
      return json(200, new AllocationResponse(portfolio, snapshot.date().toString(), snapshot.currency().value(),
          scope.name().toLowerCase(java.util.Locale.ROOT), a.kind().name(), a.total(), a.unvalued(), a.rows()));
    });
  }

  /** How the snapshot's lines group by venue, currency and the target's groups, for this portfolio. */
  private SnapshotResponse.Views views(PortfolioRow row) {
    Map<String, String> venues = new java.util.HashMap<>();
    for (String account : row.accounts()) {
      queries.account(account).ifPresent(a -> venues.put(account, a.provider()));
    }
    TargetAllocation target = target(row);
    return new SnapshotResponse.Views(
        line -> venues.get(line.account()),
        // a line without a price is still exposed to the currency its asset is quoted in
        line -> line.priceCurrency() != null ? line.priceCurrency().value()
            : line.asset().isFiat() ? line.asset().value()
            : catalog.find(line.asset()).map(a -> a.quoteCurrency().value()).orElse(null),
        target == null || target.kind() != TargetAllocation.Kind.GROUP ? null : line -> Allocation.key(target, line));
  }

  private TargetAllocation target(PortfolioRow row) {
    if (row.target() == null) {
      return null;
    }
    try {
      return context.json().readValue(row.target(), TargetAllocation.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("portfolio " + row.portfolioId() + ": stored target is not readable", e);
    }
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
      if (on.isBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC)))) {
        // a past day: the positions held at its end, not today's, from the ledgers up to then
        return answer.answer(row.get(), histories.snapshotAt(row.get().accounts(), in, on));
      }
      List<Holding> holdings = new ArrayList<>();
      for (PositionRow p : queries.portfolioPositions(portfolio)) {
        if (p.quantity() == null || p.quantity().signum() == 0) {
          continue;
        }
        Money cost = p.cost() == null || p.costCurrency() == null ? null : new Money(p.cost(), AssetId.of(p.costCurrency()));
        holdings.add(new Holding(p.accountId(), AssetId.of(p.asset()), p.quantity(), cost));
      }
      var rates = latest.asOf(on);
      Snapshot snapshot = Snapshot.of(holdings, catalog::find, rates, new AsOfRates(rates, AssetId.of("USD"), FX_MAX_AGE), in, on,
          marketData.settings()::staleAfter);
      return answer.answer(row.get(), snapshot);
    });
  }
}
