package dev.ballast.api.http.portfolios;

import dev.ballast.api.http.accounts.ListPaging;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Fields;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.api.http.accounts.PositionResponse;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.PortfolioRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /api/portfolios}: create and list portfolios, attach and detach accounts, set targets, positions. */
public final class PortfolioRoutes extends RouteSupport {
  private final BallastQueries queries;

  public PortfolioRoutes(ApiContext context, BallastQueries queries) {
    super(context);
    this.queries = queries;
  }

  /**
   * @param visible which portfolios the list shows the caller (those it may read)
   * @param created told the id of each portfolio this caller's request created (before the answer), blocking
   */
  public Route route(java.util.function.Predicate<String> visible, java.util.function.Consumer<String> created) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> parameterOptional("offset", offset -> parameterOptional("limit", limit -> parameterOptional("from", from ->
                parameterOptional("to", to -> {
                  List<FieldError> errors = new ArrayList<>();
                  ListPaging paging = ListPaging.parse(offset, limit, from, to, errors);
                  if (!errors.isEmpty()) {
                    return refused(errors);
                  }
                  return completeBlocking(() -> {
                    ListPaging.Page<PortfolioRow> page = paging.apply(
                        queries.portfolios().stream().filter(p -> visible.test(p.portfolioId())).toList(), PortfolioRow::createdAt);
                    return page.withTotal(json(200, page.items().stream().map(this::response).toList()));
                  });
                }))))),
            post(() -> body(PortfolioRequest.class, b -> create(b, created))))),
        pathPrefix(PathMatchers.segment(), raw -> pathId("portfolio", raw, PortfolioId::of, this::one)));
  }

  private Route one(PortfolioId id) {
    return concat(
        pathEnd(() -> get(() -> completeBlocking(() -> queries.portfolio(id.value())
            .map(p -> json(200, response(p))).orElseGet(() -> problem(Problem.notFound("no portfolio " + id)))))),
        path("positions", () -> get(() -> completeBlocking(() -> queries.portfolio(id.value()).isEmpty()
            ? problem(Problem.notFound("no portfolio " + id))
            : json(200, queries.portfolioPositions(id.value()).stream().map(PositionResponse::of).toList())))),
        path("target", () -> put(() -> body(TargetRequest.class, t -> target(id, t)))),
        pathPrefix("accounts", () -> concat(
            pathEnd(() -> post(() -> body(AttachRequest.class, a -> attach(id, a)))),
            path(PathMatchers.segment(), raw -> delete(() -> pathId("account", raw, AccountId::of, account ->
                command(id, r -> new Portfolio.DetachAccount(account, r), changed -> ChangeResponse.of(id.value(), null, changed))))))));
  }

  private Route create(PortfolioRequest body, java.util.function.Consumer<String> created) {
    List<FieldError> errors = new ArrayList<>();
    PortfolioId id = Fields.require(0, "id", body.id(), errors) ? Fields.parse(0, "id", body.id(), PortfolioId::of, errors) : null;
    if (body.name() == null || body.name().isBlank()) {
      errors.add(new FieldError(0, "name", "is required"));
    } else {
      errors.addAll(InputLimits.portfolio(body.name()));
    }
    AssetId currency = Fields.parse(0, "baseCurrency", body.baseCurrency(), AssetId::of, errors);
    if (body.baseCurrency() == null || currency != null && !currency.isFiat()) {
      errors.add(new FieldError(0, "baseCurrency", "must be an ISO 4217 currency such as JPY"));
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    CompletionStage<HttpResponse> response = context.sharding().entityRefFor(Portfolio.ENTITY_KEY, id.value())
        .<Portfolio.Result>ask(r -> new Portfolio.Create(body.name(), currency, r), context.askTimeout())
        .thenCompose(result -> {
          if (result instanceof Portfolio.Accepted accepted) {
            if (!accepted.changed()) {
              // the same create again: its first request gave the portfolio its owner
              return CompletableFuture.completedFuture(json(200, ChangeResponse.created(id.value(), false)));
            }
            return blocking(() -> {
              created.accept(id.value());
              return json(201, ChangeResponse.created(id.value(), true));
            });
          }
          return CompletableFuture.completedFuture(refusal(((Portfolio.Refused) result).error()));
        });
    return completeWithFuture(response);
  }

  private Route attach(PortfolioId id, AttachRequest body) {
    List<FieldError> errors = new ArrayList<>();
    AccountId accountId = Fields.require(0, "accountId", body.accountId(), errors)
        ? Fields.parse(0, "accountId", body.accountId(), AccountId::of, errors) : null;
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    CompletionStage<HttpResponse> response = context.sharding().entityRefFor(AccountLedger.ENTITY_KEY, accountId.value())
        .<AccountLedger.SummaryResult>ask(AccountLedger.GetSummary::new, context.askTimeout())
        .thenCompose(summary -> {
          if (!(summary instanceof AccountLedger.AccountSummary)) {
            return CompletableFuture.completedFuture(refusal(CommandError.Invalid.of(0, "accountId", "no account " + accountId)));
          }
          return ask(id, r -> new Portfolio.AttachAccount(accountId, r), changed -> ChangeResponse.of(id.value(), accountId.value(), changed), 200);
        });
    return completeWithFuture(response);
  }

  private Route target(PortfolioId id, TargetRequest body) {
    List<FieldError> errors = new ArrayList<>();
    TargetAllocation allocation = body.toAllocation(errors);
    errors.addAll(TargetAllocation.limits(allocation));
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    return command(id, r -> new Portfolio.SetTargetAllocation(allocation, r), changed -> ChangeResponse.of(id.value(), null, changed));
  }

  private Route command(PortfolioId id, Function<ActorRef<Portfolio.Result>, Portfolio.Command> command, Function<Boolean, ChangeResponse> answer) {
    return command(id, command, answer, 200);
  }

  private Route command(
      PortfolioId id, Function<ActorRef<Portfolio.Result>, Portfolio.Command> command, Function<Boolean, ChangeResponse> answer, int createdStatus) {
    return completeWithFuture(ask(id, command, answer, createdStatus));
  }

  private CompletionStage<HttpResponse> ask(
      PortfolioId id, Function<ActorRef<Portfolio.Result>, Portfolio.Command> command, Function<Boolean, ChangeResponse> answer, int createdStatus) {
    return context.sharding().entityRefFor(Portfolio.ENTITY_KEY, id.value())
        .<Portfolio.Result>ask(command::apply, context.askTimeout())
        .thenApply(result -> {
          if (result instanceof Portfolio.Accepted accepted) {
            return json(accepted.changed() ? createdStatus : 200, answer.apply(accepted.changed()));
          }
          return refusal(((Portfolio.Refused) result).error());
        });
  }

  private PortfolioResponse response(PortfolioRow row) {
    TargetAllocation target = null;
    if (row.target() != null) {
      try {
        target = context.json().readValue(row.target(), TargetAllocation.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the target of portfolio " + row.portfolioId() + " on the read side does not read back", e);
      }
    }
    return new PortfolioResponse(row.portfolioId(), row.name(), row.baseCurrency(), row.createdAt(), row.accounts(),
        PortfolioResponse.Target.of(target));
  }
}
