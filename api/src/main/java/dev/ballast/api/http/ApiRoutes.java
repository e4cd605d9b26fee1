package dev.ballast.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.server.AdminToken;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.asset.InMemoryAssetCatalog;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.persistence.asset.AssetRepository;
import dev.ballast.persistence.audit.EntityRef;
import dev.ballast.persistence.audit.JournalAudit;
import dev.ballast.persistence.auth.ApiTokenRepository;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.readside.ReadSideStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: {@code /health} open, everything under {@code /api} behind a bearer token. Writes go
 * to the entities; lists come from the read side. Errors are problem+json naming the field.
 */
public final class ApiRoutes extends AllDirectives {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
  private static final ContentType PROBLEM_JSON =
      ContentTypes.create(MediaTypes.applicationWithFixedCharset("problem+json", HttpCharsets.UTF_8));
  private static final Pattern ROW_PATH = Pattern.compile("transactions\\[(\\d+)](?:\\.(.*))?");
  private static final int MAX_PAGE = 1000;

  private final ActorSystem<?> system;
  private final ReadSideStatus readSide;
  private final ClusterSharding sharding;
  private final BallastQueries queries;
  private final ApiTokenRepository tokens;
  private final AssetRepository assetRepository;
  private final InMemoryAssetCatalog catalog;
  private final JournalAudit audit;
  private final ObjectMapper json;
  private final JsonBodies bodies;
  private final Duration askTimeout;
  private final Executor blocking;
  private final Map<String, Boolean> knownTokenHashes = new ConcurrentHashMap<>();

  public ApiRoutes(
      ActorSystem<?> system, BallastQueries queries, ApiTokenRepository tokens, AssetRepository assetRepository,
      InMemoryAssetCatalog catalog, JournalAudit audit, ObjectMapper json, Duration askTimeout, ReadSideStatus readSide) {
    this.system = system;
    this.readSide = readSide;
    this.sharding = ClusterSharding.get(system);
    this.queries = queries;
    this.tokens = tokens;
    this.assetRepository = assetRepository;
    this.catalog = catalog;
    this.audit = audit;
    this.json = json;
    this.bodies = new JsonBodies(json);
    this.askTimeout = askTimeout;
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
  }

  public Route route() {
    return handleExceptions(exceptions(), () -> concat(
        // still 200 when a read-side slice stopped: the server lives and writes; "degraded" and the slice say what to repair
        path("health", () -> get(() -> complete(json(200, Map.of(
            "status", readSide.healthy() ? "ok" : "degraded", "readSide", readSide.slices()))))),
        pathPrefix("api", () -> authorized(() -> concat(
            pathPrefix("portfolios", this::portfolioRoutes),
            pathPrefix("accounts", this::accountRoutes),
            pathPrefix("assets", this::assetRoutes),
            pathPrefix("audit", this::auditRoutes))))));
  }

  // ---- portfolios -------------------------------------------------------------------------

  private Route portfolioRoutes() {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> read(queries::portfolios)),
            post(() -> body(Requests.CreatePortfolio.class, this::createPortfolio)))),
        pathPrefix(PathMatchers.segment(), raw -> {
          PortfolioId id = PortfolioId.of(raw);
          return concat(
              pathEnd(() -> get(() -> completeWithFuture(blockingCall(() -> queries.portfolio(id.value())
                  .map(p -> json(200, p)).orElseGet(() -> problem(Problem.notFound("no portfolio " + id))))))),
              path("positions", () -> get(() -> completeWithFuture(blockingCall(() -> queries.portfolio(id.value()).isEmpty()
                  ? problem(Problem.notFound("no portfolio " + id))
                  : json(200, queries.portfolioPositions(id.value())))))),
              path("target", () -> put(() -> body(TargetAllocation.class, t -> portfolioCommand(id,
                  r -> new Portfolio.SetTargetAllocation(t, r))))),
              pathPrefix("accounts", () -> concat(
                  pathEnd(() -> post(() -> body(Requests.AttachAccount.class, a -> attach(id, a))))
                  , path(PathMatchers.segment(), acc -> delete(() -> portfolioCommand(id,
                      r -> new Portfolio.DetachAccount(AccountId.of(acc), r)))))));
        }));
  }

  private Route createPortfolio(Requests.CreatePortfolio body) {
    if (body.id() == null) {
      return complete(problem(Problem.invalid("a portfolio needs an id", List.of(new FieldError(0, "id", "is required")))));
    }
    PortfolioId id = PortfolioId.of(body.id());
    return completeWithFuture(sharding.entityRefFor(Portfolio.ENTITY_KEY, id.value())
        .<Portfolio.Result>ask(r -> new Portfolio.Create(body.name(), body.baseCurrency(), r), askTimeout)
        .thenApply(result -> portfolioResult(result, 201, Map.of("id", id.value()))));
  }

  private Route attach(PortfolioId id, Requests.AttachAccount body) {
    if (body.accountId() == null) {
      return complete(problem(Problem.invalid("accountId is required", List.of(new FieldError(0, "accountId", "is required")))));
    }
    AccountId accountId = AccountId.of(body.accountId());
    CompletionStage<HttpResponse> response = sharding.entityRefFor(AccountLedger.ENTITY_KEY, accountId.value())
        .<AccountLedger.State>ask(AccountLedger.Get::new, askTimeout)
        .thenCompose(state -> {
          if (!(state instanceof AccountLedger.OpenAccount)) {
            return CompletableFuture.completedFuture(problem(Problem.invalid("no account " + accountId,
                List.of(new FieldError(0, "accountId", "no account " + accountId)))));
          }
          return sharding.entityRefFor(Portfolio.ENTITY_KEY, id.value())
              .<Portfolio.Result>ask(r -> new Portfolio.AttachAccount(accountId, r), askTimeout)
              .thenApply(result -> portfolioResult(result, 200, Map.of("portfolio", id.value(), "account", accountId.value())));
        });
    return completeWithFuture(response);
  }

  private Route portfolioCommand(PortfolioId id, Function<org.apache.pekko.actor.typed.ActorRef<Portfolio.Result>, Portfolio.Command> command) {
    return completeWithFuture(sharding.entityRefFor(Portfolio.ENTITY_KEY, id.value())
        .<Portfolio.Result>ask(command::apply, askTimeout)
        .thenApply(result -> portfolioResult(result, 200, Map.of("portfolio", id.value()))));
  }

  private HttpResponse portfolioResult(Portfolio.Result result, int createdStatus, Map<String, Object> subject) {
    if (result instanceof Portfolio.Accepted accepted) {
      Map<String, Object> body = new java.util.LinkedHashMap<>(subject);
      body.put("changed", accepted.changed());
      return json(accepted.changed() ? createdStatus : 200, body);
    }
    List<FieldError> errors = ((Portfolio.Refused) result).errors();
    boolean missing = errors.stream().anyMatch(e -> e.field().equals("portfolio"));
    return missing ? problem(Problem.notFound(errors.get(0).message())) : problem(Problem.invalid("the portfolio refused the command", errors));
  }

  // ---- accounts ---------------------------------------------------------------------------

  private Route accountRoutes() {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> read(queries::accounts)),
            post(() -> body(Requests.CreateAccount.class, this::createAccount)))),
        pathPrefix(PathMatchers.segment(), raw -> {
          AccountId id = AccountId.of(raw);
          return concat(
              pathEnd(() -> get(() -> completeWithFuture(blockingCall(() -> queries.account(id.value())
                  .map(a -> json(200, a)).orElseGet(() -> problem(Problem.notFound("no account " + id))))))),
              path("transactions", () -> concat(
                  get(() -> parameterOptional("offset", offset -> parameterOptional("limit", limit ->
                      transactions(id, offset, limit)))),
                  post(() -> body(Requests.TransactionBatch.class, b -> record(id, b))))),
              path("positions", () -> get(() -> parameterOptional("all", all -> completeWithFuture(blockingCall(() ->
                  queries.account(id.value()).isEmpty()
                      ? problem(Problem.notFound("no account " + id))
                      : json(200, queries.positions(id.value(), all.map(Boolean::parseBoolean).orElse(false)))))))),
              path("balances", () -> post(() -> body(Requests.BalanceReport.class, b -> reportBalances(id, b)))),
              pathPrefix("metrics", () -> new MetricsRoutes(this, queries, json, blocking).route(id)));
        }));
  }

  private Route createAccount(Requests.CreateAccount body) {
    List<FieldError> errors = new java.util.ArrayList<>();
    if (body.id() == null) {
      errors.add(new FieldError(0, "id", "is required"));
    }
    if (body.name() == null || body.name().isBlank()) {
      errors.add(new FieldError(0, "name", "is required"));
    }
    if (body.kind() == null) {
      errors.add(new FieldError(0, "kind", "is required: EXCHANGE, WALLET, BROKER, BANK or MANUAL"));
    }
    if (body.currency() == null || !body.currency().isFiat()) {
      errors.add(new FieldError(0, "currency", "must be an ISO 4217 currency such as JPY"));
    }
    if (!errors.isEmpty()) {
      return complete(problem(Problem.invalid("the account is not valid", errors)));
    }
    AccountId id = AccountId.of(body.id());
    AccountSpec spec = new AccountSpec(body.name(), body.kind(), body.provider(), body.currency(), body.taxWrapper(),
        Boolean.TRUE.equals(body.allowShort()));
    return completeWithFuture(sharding.entityRefFor(AccountLedger.ENTITY_KEY, id.value())
        .<AccountLedger.OpenResult>ask(r -> new AccountLedger.Open(spec, r), askTimeout)
        .thenApply(result -> {
          if (result instanceof AccountLedger.Opened opened) {
            return json(opened.created() ? 201 : 200, Map.of("id", id.value(), "changed", opened.created()));
          }
          return problem(Problem.conflict(((AccountLedger.OpenRejected) result).message()));
        }));
  }

  private Route transactions(AccountId id, Optional<String> offsetText, Optional<String> limitText) {
    long offset;
    int limit;
    try {
      offset = offsetText.map(Long::parseLong).orElse(0L);
      limit = limitText.map(Integer::parseInt).orElse(100);
    } catch (NumberFormatException e) {
      return complete(problem(Problem.badRequest("offset and limit are whole numbers",
          List.of(new FieldError(0, offsetText.isPresent() ? "offset" : "limit", "is not a whole number")))));
    }
    if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
      return complete(problem(Problem.badRequest("offset >= 0 and 1 <= limit <= " + MAX_PAGE,
          List.of(new FieldError(0, offset < 0 ? "offset" : "limit", "is out of range")))));
    }
    return completeWithFuture(blockingCall(() -> queries.account(id.value()).isEmpty()
        ? problem(Problem.notFound("no account " + id))
        : json(200, queries.transactions(id.value(), offset, limit))));
  }

  private Route record(AccountId id, Requests.TransactionBatch batch) {
    if (batch.transactions() == null) {
      return complete(problem(Problem.invalid("the batch has no transactions",
          List.of(new FieldError(0, "transactions", "is required")))));
    }
    return completeWithFuture(sharding.entityRefFor(AccountLedger.ENTITY_KEY, id.value())
        .<AccountLedger.BatchResult>ask(r -> new AccountLedger.RecordTransactions(batch.transactions(), r), askTimeout)
        .thenApply(result -> {
          if (result instanceof AccountLedger.Recorded recorded) {
            return json(recorded.transactionIds().isEmpty() ? 200 : 201, recorded);
          }
          List<FieldError> errors = ((AccountLedger.Rejected) result).errors();
          if (errors.size() == 1 && errors.get(0).field().equals("account")) {
            return problem(Problem.notFound(errors.get(0).message()));
          }
          return problem(Problem.invalid("nothing was recorded: " + errors.size() + " problem(s) in the batch", errors));
        }));
  }

  private Route reportBalances(AccountId id, Requests.BalanceReport report) {
    return completeWithFuture(sharding.entityRefFor(AccountLedger.ENTITY_KEY, id.value())
        .<AccountLedger.BalanceCheck>ask(r -> new AccountLedger.ReportBalances(report.source(), report.asOf(), report.balances(), r), askTimeout)
        .thenApply(check -> check.error() == null
            ? json(200, check)
            : problem(Problem.invalid(check.error(), List.of(new FieldError(0, "body", check.error()))))));
  }

  // ---- assets -----------------------------------------------------------------------------

  private Route assetRoutes() {
    return pathEndOrSingleSlash(() -> concat(
        get(() -> complete(json(200, catalog.all()))),
        post(() -> body(Asset.class, asset -> completeWithFuture(blockingCall(() -> {
          assetRepository.save(asset);
          catalog.register(asset);
          return json(201, asset);
        }))))));
  }

  // ---- audit ------------------------------------------------------------------------------

  private Route auditRoutes() {
    return concat(
        path(PathMatchers.segment("log").slash(PathMatchers.segment()), entity -> get(() ->
            completeWithFuture(blockingCall(() -> json(200, audit.log(EntityRef.parse(entity))))))),
        path(PathMatchers.segment("state").slash(PathMatchers.segment()), entity -> get(() ->
            parameterOptional("at", at -> completeWithFuture(blockingCall(() ->
                json(200, audit.state(EntityRef.parse(entity), at.map(ApiRoutes::instant).orElse(null)))))))),
        path("verify", () -> get(() -> completeWithFuture(blockingCall(() -> {
          var report = audit.verify();
          return json(report.clean() ? 200 : 409, report);
        })))));
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("at: not an ISO-8601 instant such as 2026-01-31T00:00:00Z: " + text);
    }
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private Route authorized(Supplier<Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> {
      String token = header.filter(h -> h.startsWith("Bearer ")).map(h -> h.substring(7).trim()).orElse("");
      if (token.isEmpty()) {
        return complete(problem(Problem.unauthorized()));
      }
      String hash = AdminToken.hash(token);
      if (knownTokenHashes.containsKey(hash)) {
        return inner.get();
      }
      return onSuccess(blockingCall(() -> tokens.findByHash(hash).isPresent()), valid -> {
        if (!valid) {
          return complete(problem(Problem.unauthorized()));
        }
        knownTokenHashes.put(hash, Boolean.TRUE);
        return inner.get();
      });
    });
  }

  private <T> Route body(Class<T> type, Function<T, Route> inner) {
    return entity(Unmarshaller.entityToString(), text -> inner.apply(bodies.read(text, type)));
  }

  private Route read(Supplier<Object> query) {
    return completeWithFuture(blockingCall(() -> json(200, query.get())));
  }

  private <T> CompletionStage<T> blockingCall(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, blocking);
  }

  private ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder()
        .match(CompletionException.class, e -> complete(problemFor(e.getCause() == null ? e : e.getCause())))
        .match(Throwable.class, e -> complete(problemFor(e)))
        .build();
  }

  private HttpResponse problemFor(Throwable e) {
    if (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof JsonBodies.BadBody bad) {
      return problem(Problem.badRequest("the request body could not be read", List.of(rowError(bad.error()))));
    }
    if (e instanceof IllegalArgumentException) {
      String message = e.getMessage();
      int colon = message == null ? -1 : message.indexOf(':');
      String field = colon > 0 && !message.substring(0, colon).contains(" ") ? message.substring(0, colon) : "path";
      return problem(Problem.badRequest(message, List.of(new FieldError(0, field, message))));
    }
    if (e instanceof TimeoutException || e instanceof org.apache.pekko.pattern.AskTimeoutException) {
      return problem(Problem.unavailable("the entity did not answer within " + askTimeout.toSeconds() + "s; nothing is lost, try again"));
    }
    LOG.error("request failed", e);
    return problem(Problem.internal());
  }

  /** transactions[2].quantity becomes row 3, field quantity. */
  private static FieldError rowError(FieldError error) {
    Matcher m = ROW_PATH.matcher(error.field());
    if (m.matches()) {
      return new FieldError(Integer.parseInt(m.group(1)) + 1, m.group(2) == null ? "transaction" : m.group(2), error.message());
    }
    return error;
  }

  HttpResponse json(int status, Object body) {
    try {
      return HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON, json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the response", e);
    }
  }

  HttpResponse problem(Problem problem) {
    try {
      return HttpResponse.create().withStatus(problem.status()).withEntity(PROBLEM_JSON, json.writeValueAsBytes(problem));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the problem", e);
    }
  }
}
