package dev.ballast.api.http.orders;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.execution.Execution;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /api/orders/{account}?offset=&limit=}: an account's orders, newest first, as its Execution entity holds them. */
public final class OrderRoutes extends RouteSupport {
  static final int MAX_PAGE = 500;

  public OrderRoutes(ApiContext context) {
    super(context);
  }

  public Route route() {
    return path(PathMatchers.segment(), raw -> pathId("account", raw, AccountId::of, id -> get(() ->
        parameterOptional("offset", offset -> parameterOptional("limit", limit -> {
          List<FieldError> errors = new ArrayList<>();
          int from = number("offset", offset, 0, errors);
          int size = number("limit", limit, 50, errors);
          if (size > MAX_PAGE) {
            errors.add(new FieldError(0, "limit", "at most " + MAX_PAGE));
          }
          if (!errors.isEmpty()) {
            return refused(errors);
          }
          return completeWithFuture(context.sharding().entityRefFor(Execution.ENTITY_KEY, id.value())
              .<Execution.State>ask(Execution.Get::new, context.askTimeout())
              .thenApply(state -> json(200, Map.of("offset", from, "limit", size, "orders", state.orders().values().stream()
                  .sorted(Comparator.comparing(Execution.OrderRecord::acceptedAt).reversed()
                      .thenComparing(o -> o.request().id().value()))
                  .skip(from).limit(size).toList()))));
        })))));
  }

  private static int number(String field, Optional<String> text, int otherwise, List<FieldError> errors) {
    if (text.isEmpty()) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(text.get());
      if (n < 0) {
        errors.add(new FieldError(0, field, "must not be negative"));
      }
      return n;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(0, field, "is not a whole number: " + text.get()));
      return otherwise;
    }
  }
}
