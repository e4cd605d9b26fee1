package dev.ballast.api.http.accounts;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Fields;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.persistence.query.BallastQueries;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /api/accounts}: open and list accounts, one account, its positions. */
public final class AccountRoutes extends RouteSupport {
  private final BallastQueries queries;

  public AccountRoutes(ApiContext context, BallastQueries queries) {
    super(context);
    this.queries = queries;
  }

  /** {@code /api/accounts} itself; {@code visible}: which accounts the list shows the caller (those it may read). */
  public Route collection(java.util.function.Predicate<String> visible) {
    return pathEndOrSingleSlash(() -> concat(
        get(() -> parameterOptional("offset", offset -> parameterOptional("limit", limit -> parameterOptional("from", from ->
            parameterOptional("to", to -> {
              List<FieldError> errors = new ArrayList<>();
              ListPaging paging = ListPaging.parse(offset, limit, from, to, errors);
              if (!errors.isEmpty()) {
                return refused(errors);
              }
              return completeBlocking(() -> {
                ListPaging.Page<dev.ballast.persistence.query.AccountRow> page = paging.apply(
                    queries.accounts().stream().filter(a -> visible.test(a.accountId())).toList(), dev.ballast.persistence.query.AccountRow::openedAt);
                return page.withTotal(json(200, page.items().stream().map(AccountResponse::of).toList()));
              });
            }))))),
        post(() -> body(AccountRequest.class, this::open))));
  }

  /** {@code /api/accounts/{id}} and its positions. */
  public Route one(AccountId id) {
    return concat(
        pathEnd(() -> get(() -> completeBlocking(() -> queries.account(id.value())
            .map(a -> json(200, AccountResponse.of(a))).orElseGet(() -> problem(Problem.notFound("no account " + id)))))),
        path("positions", () -> get(() -> parameterOptional("all", all -> completeBlocking(() ->
            queries.account(id.value()).isEmpty()
                ? problem(Problem.notFound("no account " + id))
                : json(200, queries.positions(id.value(), all.map(Boolean::parseBoolean).orElse(false)).stream()
                    .map(PositionResponse::of).toList()))))));
  }

  private Route open(AccountRequest body) {
    List<FieldError> errors = new ArrayList<>();
    AccountId id = Fields.require(0, "id", body.id(), errors) ? Fields.parse(0, "id", body.id(), AccountId::of, errors) : null;
    if (body.name() == null || body.name().isBlank()) {
      errors.add(new FieldError(0, "name", "is required"));
    } else {
      errors.addAll(InputLimits.accountName(body.name()));
    }
    if (body.kind() == null) {
      errors.add(new FieldError(0, "kind", "is required: EXCHANGE, WALLET, BROKER, BANK or MANUAL"));
    }
    if (body.provider() != null) {
      errors.addAll(InputLimits.provider(body.provider()));
    }
    AssetId currency = Fields.parse(0, "currency", body.currency(), AssetId::of, errors);
    if (body.currency() != null && currency != null && !currency.isFiat() || body.currency() == null) {
      errors.add(new FieldError(0, "currency", "must be an ISO 4217 currency such as JPY"));
    }
    CostMethod costMethod = CostMethod.FIFO;
    if (body.costMethod() != null) {
      try {
        costMethod = CostMethod.parse(body.costMethod());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(0, "costMethod", "expected fifo, average or total-average"));
      }
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    AccountSpec spec = new AccountSpec(body.name(), body.kind(), body.provider(), currency, body.taxWrapper(),
        Boolean.TRUE.equals(body.allowShort()), costMethod);
    return completeWithFuture(context.sharding().entityRefFor(AccountLedger.ENTITY_KEY, id.value())
        .<AccountLedger.OpenResult>ask(r -> new AccountLedger.Open(spec, r), context.askTimeout())
        .thenApply(result -> {
          if (result instanceof AccountLedger.Opened opened) {
            return json(opened.created() ? 201 : 200, new OpenedResponse(id.value(), opened.created()));
          }
          return refusal(((AccountLedger.Refused) result).error());
        }));
  }
}
