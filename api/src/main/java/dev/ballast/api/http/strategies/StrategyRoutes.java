package dev.ballast.api.http.strategies;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyConfig;
import dev.ballast.persistence.strategy.DecisionLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/strategies/{portfolio}}: read and change a portfolio's strategy, check it now, and
 * list its decisions with their intents and the risk gate's verdict.
 */
public final class StrategyRoutes extends RouteSupport {
  static final int MAX_PAGE = 500;
  private final DecisionLookup decisions;

  public StrategyRoutes(ApiContext context, DecisionLookup decisions) {
    super(context);
    this.decisions = decisions;
  }

  public Route route() {
    return pathPrefix(PathMatchers.segment(), raw -> pathId("portfolio", raw, PortfolioId::of, this::one));
  }

  private Route one(PortfolioId id) {
    return concat(
        pathEnd(() -> concat(
            get(() -> completeWithFuture(ref(id).<Strategy.State>ask(Strategy.Get::new, context.askTimeout()).thenApply(state ->
                state instanceof Strategy.Configured c ? json(200, c) : problem(Problem.notFound("no strategy for portfolio " + id))))),
            put(() -> body(StrategyRequest.class, body -> configure(id, body))))),
        path("check", () -> post(() -> completeWithFuture(ref(id).<Strategy.CheckResult>ask(Strategy.Check::new, context.askTimeout())
            .thenApply(result -> result instanceof Strategy.Decided d ? json(200, d.decision())
                : refusal(((Strategy.Refused) result).error()))))),
        path("decisions", () -> get(() -> parameterOptional("offset", offset -> parameterOptional("limit", limit -> {
          List<FieldError> errors = new ArrayList<>();
          int from = number("offset", offset, 0, errors);
          int size = number("limit", limit, 50, errors);
          if (size > MAX_PAGE) {
            errors.add(new FieldError(0, "limit", "at most " + MAX_PAGE));
          }
          if (!errors.isEmpty()) {
            return refused(errors);
          }
          return completeBlocking(() -> json(200, Map.of("offset", from, "limit", size, "decisions", decisions.page(id, from, size))));
        })))));
  }

  private Route configure(PortfolioId id, StrategyRequest body) {
    List<FieldError> errors = new ArrayList<>();
    StrategyConfig config = body.toConfig(errors);
    if (config != null && config.mode() == dev.ballast.engine.strategy.StrategyMode.LIVE) {
      // this server trades on the simulated venue only: LIVE would send paper orders and call them real
      errors.add(new FieldError(0, "mode", "LIVE needs a live venue and none is wired on this server; use PAPER or DRY_RUN"));
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    return completeWithFuture(ref(id).<Strategy.Result>ask(r -> new Strategy.Configure(config, r), context.askTimeout())
        .thenApply(result -> result instanceof Strategy.Accepted a ? json(200, Map.of("portfolioId", id.value(), "changed", a.changed()))
            : refusal(((Strategy.Refused) result).error())));
  }

  private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<Strategy.Command> ref(PortfolioId id) {
    return context.sharding().entityRefFor(Strategy.ENTITY_KEY, id.value());
  }

  static int number(String field, Optional<String> text, int otherwise, List<FieldError> errors) {
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
