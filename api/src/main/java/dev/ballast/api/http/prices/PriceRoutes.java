package dev.ballast.api.http.prices;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.api.server.MarketData;
import dev.ballast.engine.asset.InMemoryAssetCatalog;
import dev.ballast.engine.marketdata.AssetSources;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.asset.AssetRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/prices}: sync from the sources, source status, an asset's stored prices, its source
 * identifiers, manual prices, and the splits and dividends the sources reported.
 */
public final class PriceRoutes extends RouteSupport {
  private final MarketData marketData;
  private final InMemoryAssetCatalog catalog;
  private final AssetRepository assets;
  private final Clock clock;
  private final CorporateActionLedgers ledgers;

  public PriceRoutes(ApiContext context, MarketData marketData, InMemoryAssetCatalog catalog, AssetRepository assets, Clock clock,
      dev.ballast.persistence.query.BallastQueries queries) {
    super(context);
    this.marketData = marketData;
    this.catalog = catalog;
    this.assets = assets;
    this.clock = clock;
    this.ledgers = new CorporateActionLedgers(context, queries,
        new dev.ballast.api.http.valuation.Histories(queries, marketData, catalog, context.json()), marketData.store());
    // the periodic refresh records the splits it finds, as a sync through this API does
    marketData.afterSync(ledgers::applySplits);
  }

  public Route route() {
    return concat(
        path("status", () -> get(() -> completeBlocking(() -> json(200, marketData.status().stream().map(PriceResponses.Source::of).toList())))),
        pathPrefix("sync", () -> concat(
            pathEndOrSingleSlash(() -> post(() -> body(PriceRequests.Sync.class, this::sync))),
            path("progress", () -> get(() -> complete(json(200, PriceResponses.SyncProgress.of(marketData.syncProgress()))))))),
        path("actions", () -> get(() -> listPaging(paging -> completeBlocking(() ->
            page(paging, marketData.store().actions(null).stream().map(PriceResponses.Action::of).toList(), a -> exDay(a.exDate())))))),
        path(PathMatchers.segment("splits").slash("apply"), () -> post(() -> completeBlocking(() -> json(200, ledgers.applySplits())))),
        pathPrefix("dividends", () -> pathPrefix(PathMatchers.segment(), raw -> pathId("account", raw, dev.ballast.engine.model.AccountId::of,
            account -> concat(
                pathEndOrSingleSlash(() -> get(() -> parameterOptional("status", status -> listPaging(paging ->
                    dividends(account.value(), status, paging))))),
                path("confirm", () -> post(() -> body(PriceRequests.ConfirmDividend.class, body -> confirm(account.value(), body)))))))),
        pathPrefix("market", () -> concat(
            pathEndOrSingleSlash(() -> get(() -> completeBlocking(() -> marketData.store().cryptoMarket(clock.instant())
                .map(m -> json(200, market(m)))
                .orElseGet(() -> problem(Problem.notFound("no crypto market stored yet: POST /api/prices/market/sync")))))),
            path("sync", () -> post(() -> completeBlocking(() -> fromSource(() -> json(200, market(marketData.syncCryptoMarket())))))))),
        pathPrefix(PathMatchers.segment(), raw -> pathId("asset", raw, AssetId::of, id -> concat(
            pathPrefix("market-caps", () -> concat(
                pathEndOrSingleSlash(() -> get(() -> parameterOptional("currency", c -> parameterOptional("from", f ->
                    parameterOptional("to", t -> marketCaps(id, c, f, t)))))),
                path("sync", () -> post(() -> body(PriceRequests.MarketCapSync.class, body -> syncMarketCaps(id, body)))))),
            pathEndOrSingleSlash(() -> get(() -> parameterOptional("from", from -> parameterOptional("to", to -> prices(id, from, to))))),
            path("sources", () -> put(() -> body(PriceRequests.Sources.class, body -> sources(id, body)))),
            pathPrefix("manual", () -> concat(
                pathEndOrSingleSlash(() -> post(() -> body(PriceRequests.Manual.class, body -> manual(id, body)))),
                path("batch", () -> post(() -> body(PriceRequests.ManualBatch.class, body -> manualBatch(id, body))))))))));
  }

  private Route sync(PriceRequests.Sync body) {
    List<FieldError> errors = new ArrayList<>();
    AssetId asset = null;
    if (body.asset() != null) {
      try {
        asset = AssetId.of(body.asset());
        if (catalog.find(asset).isEmpty()) {
          errors.add(new FieldError(0, "asset", "unknown asset " + asset));
        }
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(0, "asset", e.getMessage()));
      }
    }
    LocalDate from = date("from", Optional.ofNullable(body.from()), errors);
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    AssetId only = asset;
    boolean fxOnly = Boolean.TRUE.equals(body.fxOnly());
    if (fxOnly && only != null) {
      return refused(List.of(new FieldError(0, "fxOnly", "syncs the FX pairs only; leave out asset")));
    }
    return completeBlocking(() -> {
      List<dev.ballast.persistence.marketdata.PriceSync.Outcome> outcomes = fxOnly ? marketData.syncFx(from) : marketData.syncAll(only, from);
      if (!fxOnly) {
        ledgers.applySplits();
      }
      return json(200, outcomes.stream().map(PriceResponses.SyncOutcome::of).toList());
    });
  }

  /** A corporate action's ex-date as the instant the paging's from and to compare: its UTC midnight. */
  private static java.time.Instant exDay(String exDate) {
    return LocalDate.parse(exDate).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
  }

  private Route dividends(String account, Optional<String> status, dev.ballast.api.http.accounts.ListPaging paging) {
    List<String> known = List.of("proposed", "matched");
    if (status.isPresent() && !known.contains(status.get())) {
      return refused(List.of(new FieldError(0, "status", "expected one of " + known + ", got \"" + status.get() + "\"")));
    }
    return completeBlocking(() -> page(paging, ledgers.dividends().stream().filter(p -> p.account().equals(account))
        .map(CorporateActionLedgers.DividendView::of)
        .filter(v -> status.isEmpty() || v.status().equals(status.get())).toList(), v -> exDay(v.exDate())));
  }

  private Route confirm(String account, PriceRequests.ConfirmDividend body) {
    List<FieldError> errors = new ArrayList<>();
    if (body.source() == null || body.source().isBlank()) {
      errors.add(new FieldError(0, "source", "is missing: the source that reported the dividend (GET /api/prices/dividends/" + account + ")"));
    }
    if (body.externalId() == null || body.externalId().isBlank()) {
      errors.add(new FieldError(0, "externalId", "is missing: the dividend's external_id (GET /api/prices/dividends/" + account + ")"));
    }
    dev.ballast.engine.model.Money amount = money("amount", body.amount(), body.currency(), errors);
    dev.ballast.engine.model.Money tax = money("tax", body.tax(), body.currency(), errors);
    if (body.fxRate() != null) {
      if (body.fxRate().signum() <= 0) {
        errors.add(new FieldError(0, "fxRate", "must be greater than zero"));
      }
      InputLimits.decimal(0, "fxRate", body.fxRate(), InputLimits.AMOUNT, errors);
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    return completeBlocking(() -> {
      try {
        String id = ledgers.confirm(account, body.source().trim(), body.externalId().trim(), body.asset(), amount, tax, body.fxRate());
        return json(201, Map.of("account", account, "transaction_id", id));
      } catch (CorporateActionLedgers.NotConfirmed e) {
        return refusal(e.error());
      }
    });
  }

  /** An amount the user gives with the confirmation; its currency defaults to the dividend's (null here: filled by the proposal). */
  private static dev.ballast.engine.model.Money money(String field, BigDecimal value, String currency, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (value.signum() < 0 || (field.equals("amount") && value.signum() == 0)) {
      errors.add(new FieldError(0, field, "must be greater than zero, got " + value.toPlainString()));
      return null;
    }
    InputLimits.decimal(0, field, value, InputLimits.AMOUNT, errors);
    if (currency == null || currency.isBlank()) {
      errors.add(new FieldError(0, "currency", "is required with " + field + ": the currency the dividend was paid in"));
      return null;
    }
    try {
      return new dev.ballast.engine.model.Money(value, AssetId.of(currency.trim()));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(0, "currency", e.getMessage()));
      return null;
    }
  }

  private Route prices(AssetId id, Optional<String> fromText, Optional<String> toText) {
    Optional<Asset> asset = catalog.find(id);
    if (asset.isEmpty()) {
      return complete(problem(Problem.notFound("no asset " + id)));
    }
    List<FieldError> errors = new ArrayList<>();
    LocalDate today = LocalDate.now(clock);
    LocalDate from = Optional.ofNullable(date("from", fromText, errors)).orElse(today.minusDays(30));
    LocalDate to = Optional.ofNullable(date("to", toText, errors)).orElse(today);
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    InstrumentId instrument = new InstrumentId(id, asset.get().quoteCurrency());
    Map<String, String> sources = new LinkedHashMap<>();
    AssetSources.of(asset.get()).forEach(r -> sources.put(r.source(), r.identifier()));
    return completeBlocking(() -> json(200, new PriceResponses.AssetPrices(id.value(), instrument.toString(), sources,
        marketData.store().bars(instrument, from, to).stream().map(PriceResponses.Bar::of).toList())));
  }

  private Route sources(AssetId id, PriceRequests.Sources body) {
    Optional<Asset> found = catalog.find(id);
    if (found.isEmpty()) {
      return complete(problem(Problem.notFound("no asset " + id)));
    }
    List<FieldError> errors = new ArrayList<>();
    if (body.sources() == null) {
      errors.add(new FieldError(0, "sources", "is missing; expected an object such as {\"yahoo\": \"7203.T\"}"));
      return refused(errors);
    }
    Map<String, String> identifiers = new HashMap<>(found.get().identifiers());
    body.sources().forEach((key, value) -> {
      if (!AssetSources.KEYS.contains(key)) {
        errors.add(new FieldError(0, "sources." + key, "unknown source; expected one of " + AssetSources.KEYS));
      } else if (value == null || value.isBlank()) {
        identifiers.remove(key);
      } else {
        identifiers.put(key, value.trim());
      }
    });
    Asset asset = new Asset(id, found.get().name(), found.get().assetClass(), found.get().quoteCurrency(), identifiers);
    errors.addAll(InputLimits.asset(asset));
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    return completeBlocking(() -> {
      assets.save(asset);
      catalog.register(asset);
      Map<String, String> now = new LinkedHashMap<>();
      AssetSources.of(asset).forEach(r -> now.put(r.source(), r.identifier()));
      return json(200, Map.of("asset", id.value(), "sources", now));
    });
  }

  private Route manual(AssetId id, PriceRequests.Manual body) {
    Optional<Asset> asset = catalog.find(id);
    if (asset.isEmpty()) {
      return complete(problem(Problem.notFound("no asset " + id)));
    }
    List<FieldError> errors = new ArrayList<>();
    LocalDate date = date("date", Optional.ofNullable(body.date()), errors);
    if (date == null && errors.isEmpty()) {
      errors.add(new FieldError(0, "date", "is missing; expected yyyy-mm-dd"));
    }
    if (body.price() == null) {
      errors.add(new FieldError(0, "price", "is missing; expected a decimal greater than zero"));
    } else if (body.price().signum() <= 0) {
      errors.add(new FieldError(0, "price", "must be greater than zero, got " + body.price().toPlainString()));
    } else {
      InputLimits.decimal(0, "price", body.price(), InputLimits.AMOUNT, errors);
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    InstrumentId instrument = new InstrumentId(id, asset.get().quoteCurrency());
    return completeBlocking(() -> {
      marketData.store().saveManual(instrument, date, new Price(body.price(), instrument.quote()), "manual", clock.instant());
      return json(201, Map.of("asset", id.value(), "date", date.toString(), "price", body.price(), "currency", instrument.quote().value()));
    });
  }

  private Route manualBatch(AssetId id, PriceRequests.ManualBatch body) {
    Optional<Asset> asset = catalog.find(id);
    if (asset.isEmpty()) {
      return complete(problem(Problem.notFound("no asset " + id)));
    }
    List<FieldError> errors = new ArrayList<>();
    String source = body.source() == null || body.source().isBlank() ? "manual" : body.source().trim();
    InputLimits.text(0, "source", source, InputLimits.SOURCE, errors);
    List<PriceRequests.Manual> rows = body.prices() == null ? List.of() : body.prices();
    if (rows.isEmpty()) {
      errors.add(new FieldError(0, "prices", "is missing or empty; expected [{\"date\",\"price\"}, ...]"));
    }
    java.util.Map<LocalDate, BigDecimal> prices = new java.util.LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      PriceRequests.Manual row = rows.get(i);
      String at = "prices[" + i + "].";
      if (row == null) {
        errors.add(new FieldError(i, "prices[" + i + "]", "is missing"));
        continue;
      }
      LocalDate date = date(at + "date", Optional.ofNullable(row.date()), errors);
      if (date == null && row.date() == null) {
        errors.add(new FieldError(i, at + "date", "is missing; expected yyyy-mm-dd"));
      }
      if (row.price() == null || row.price().signum() <= 0) {
        errors.add(new FieldError(i, at + "price", "must be a decimal greater than zero, got " + (row.price() == null ? "nothing" : row.price().toPlainString())));
      } else {
        InputLimits.decimal(i, at + "price", row.price(), InputLimits.AMOUNT, errors);
      }
      if (date != null && prices.put(date, row.price()) != null) {
        errors.add(new FieldError(i, at + "date", date + " is priced twice"));
      }
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    InstrumentId instrument = new InstrumentId(id, asset.get().quoteCurrency());
    return completeBlocking(() -> {
      marketData.store().saveManualAll(instrument, prices, source, clock.instant());
      return json(201, Map.of("asset", id.value(), "currency", instrument.quote().value(), "source", source, "stored", prices.size()));
    });
  }

  private static Map<String, Object> market(dev.ballast.engine.marketdata.CryptoMarket m) {
    Map<String, Object> totals = new java.util.TreeMap<>();
    m.totalMarketCap().forEach((k, v) -> totals.put(k.value(), v));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("time", m.time().toString());
    body.put("btc_dominance", m.btcDominance());
    body.put("eth_dominance", m.ethDominance());
    body.put("stablecoin_dominance", m.stablecoinDominance());
    body.put("total_market_cap", totals);
    return body;
  }

  /** A source's failure as a 503 naming it, not a 500. */
  private org.apache.pekko.http.javadsl.model.HttpResponse fromSource(java.util.function.Supplier<org.apache.pekko.http.javadsl.model.HttpResponse> work) {
    try {
      return work.get();
    } catch (dev.ballast.engine.marketdata.PriceSourceException e) {
      return problem(Problem.unavailable("coingecko: " + e.error().message()));
    }
  }

  private Route marketCaps(AssetId id, Optional<String> currencyText, Optional<String> fromText, Optional<String> toText) {
    List<FieldError> errors = new ArrayList<>();
    AssetId currency = currency(currencyText, errors);
    LocalDate today = LocalDate.now(clock);
    LocalDate from = Optional.ofNullable(date("from", fromText, errors)).orElse(today.minusDays(30));
    LocalDate to = Optional.ofNullable(date("to", toText, errors)).orElse(today);
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    return completeBlocking(() -> json(200, Map.of("asset", id.value(), "currency", currency.value(), "market_caps",
        marketData.store().marketCaps(id, currency, from, to).stream().map(c -> Map.of("date",
            dev.ballast.persistence.marketdata.PriceStore.capDay(c.time()).toString(), "market_cap", c.value())).toList())));
  }

  private Route syncMarketCaps(AssetId id, PriceRequests.MarketCapSync body) {
    if (catalog.find(id).isEmpty()) {
      return complete(problem(Problem.notFound("no asset " + id)));
    }
    List<FieldError> errors = new ArrayList<>();
    AssetId currency = currency(Optional.ofNullable(body.currency()), errors);
    LocalDate today = LocalDate.now(clock);
    LocalDate from = Optional.ofNullable(date("from", Optional.ofNullable(body.from()), errors)).orElse(today.minusDays(30));
    LocalDate to = Optional.ofNullable(date("to", Optional.ofNullable(body.to()), errors)).orElse(today);
    if (errors.isEmpty() && to.isBefore(from)) {
      errors.add(new FieldError(0, "to", to + " is before from " + from));
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    return completeBlocking(() -> fromSource(() -> {
      var caps = marketData.syncMarketCaps(id, currency, from, to);
      return json(200, Map.of("asset", id.value(), "currency", currency.value(), "stored", caps.size()));
    }));
  }

  private static AssetId currency(Optional<String> text, List<FieldError> errors) {
    if (text.isEmpty() || text.get().isBlank()) {
      return AssetId.of("USD");
    }
    try {
      return AssetId.of(text.get());
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(0, "currency", e.getMessage()));
      return AssetId.of("USD");
    }
  }

  static LocalDate date(String field, Optional<String> text, List<FieldError> errors) {
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
}
