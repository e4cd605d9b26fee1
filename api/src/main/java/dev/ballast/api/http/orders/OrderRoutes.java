package dev.ballast.api.http.orders;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.execution.Execution;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.persistence.execution.OrderQueries;
import dev.ballast.persistence.query.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * An account's orders and fills. {@code GET /api/orders/{account}} answers from the Execution
 * entity itself (the orders as they stand this instant, open ones included);
 * {@code .../history} and {@code .../fills} from the trading read side, with date filters.
 */
public final class OrderRoutes extends RouteSupport {
  private final OrderQueries queries;

  public OrderRoutes(ApiContext context, OrderQueries queries) {
    super(context);
    this.queries = queries;
  }

  public Route route() {
    return pathPrefix(PathMatchers.segment(), raw -> pathId("account", raw, AccountId::of, id -> concat(
        pathEnd(() -> get(() -> paged(p -> completeWithFuture(context.sharding().entityRefFor(Execution.ENTITY_KEY, id.value())
            .<Execution.State>ask(Execution.Get::new, context.askTimeout())
            .thenApply(state -> json(200, Map.of("offset", p.offset(), "limit", p.limit(), "orders", state.orders().values().stream()
                .filter(o -> (p.from() == null || !o.acceptedAt().isBefore(p.from())) && (p.to() == null || o.acceptedAt().isBefore(p.to())))
                .sorted(Comparator.comparing(Execution.OrderRecord::acceptedAt).reversed()
                    .thenComparing(o -> o.request().id().value()))
                .skip(p.offset()).limit(p.limit()).toList()))))))),
        path("history", () -> get(() -> paged(p -> completeBlocking(() ->
            json(200, page(queries.orders(OrderQueries.Scope.account(id.value()), p.from(), p.to(), p.offset(), p.limit()), "orders")))))),
        path("fills", () -> get(() -> paged(p -> completeBlocking(() ->
            json(200, page(queries.fills(OrderQueries.Scope.account(id.value()), p.from(), p.to(), p.offset(), p.limit()), "fills")))))))));
  }

  /** Reads offset, limit, from and to; a bad one is answered 400 naming it. */
  public Route paged(java.util.function.Function<ListParams, Route> inner) {
    return parameterOptional("offset", offset -> parameterOptional("limit", limit -> parameterOptional("from", from ->
        parameterOptional("to", to -> {
          List<FieldError> errors = new ArrayList<>();
          ListParams p = ListParams.parse(offset, limit, from, to, errors);
          return errors.isEmpty() ? inner.apply(p) : refused(errors);
        }))));
  }

  /** A read-side page as the API answers it: {offset, limit, total, NAME: [...]}. */
  public static Map<String, Object> page(Page<?> page, String name) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("offset", page.offset());
    out.put("limit", page.limit());
    out.put("total", page.total());
    out.put(name, page.items());
    return out;
  }
}
