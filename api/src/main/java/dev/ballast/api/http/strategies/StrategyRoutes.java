package dev.ballast.api.http.strategies;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyConfig;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.http.orders.OrderRoutes;
import dev.ballast.persistence.execution.OrderQueries;
import dev.ballast.persistence.query.Page;
import dev.ballast.persistence.strategy.DecisionQueries;
import dev.ballast.persistence.strategy.DecisionRow;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/strategies/{portfolio}}: read and change a portfolio's strategy, check it now, and
 * list its decisions (with their intents and the risk gate's verdict), orders and fills from the trading read side.
 */
public final class StrategyRoutes extends RouteSupport {
  private final DecisionQueries decisions;
  private final OrderQueries orderQueries;
  private final OrderRoutes orders;
  private final dev.ballast.persistence.execution.IntentQueries intents;

  public StrategyRoutes(ApiContext context, DecisionQueries decisions, OrderQueries orderQueries,
      dev.ballast.persistence.execution.IntentQueries intents) {
    super(context);
    this.decisions = decisions;
    this.orderQueries = orderQueries;
    this.orders = new OrderRoutes(context, orderQueries);
    this.intents = intents;
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
        path("decisions", () -> get(() -> orders.paged(p -> completeBlocking(() ->
            json(200, decisionPage(decisions.page(id.value(), p.from(), p.to(), p.offset(), p.limit()))))))),
        path("orders", () -> get(() -> orders.paged(p -> completeBlocking(() -> json(200,
            OrderRoutes.page(orderQueries.orders(OrderQueries.Scope.portfolio(id.value()), p.from(), p.to(), p.offset(), p.limit()), "orders")))))),
        path("fills", () -> get(() -> orders.paged(p -> completeBlocking(() -> json(200,
            OrderRoutes.page(orderQueries.fills(OrderQueries.Scope.portfolio(id.value()), p.from(), p.to(), p.offset(), p.limit()), "fills")))))),
        // trading (issue 9): each intent with the risk gate's verdict and the order it became
        path("intents", () -> get(() -> orders.paged(p -> completeBlocking(() -> json(200,
            OrderRoutes.page(intents.page(id.value(), p.from(), p.to(), p.offset(), p.limit()), "intents")))))));
  }

  /** Each decision with its whole event ({@code decided}) and the risk gate's verdict ({@code screened}, null in dry run or before it). */
  private Map<String, Object> decisionPage(Page<DecisionRow> page) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (DecisionRow d : page.items()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("decisionId", d.decisionId());
      item.put("mode", d.mode());
      item.put("decidedAt", d.decidedAt());
      item.put("intents", d.intentCount());
      item.put("outsideBand", d.outsideBand());
      item.put("problems", d.problemCount());
      item.put("passed", d.passedCount());
      item.put("rejected", d.rejectedCount());
      item.put("deliveredAt", d.deliveredAt());
      item.put("decided", tree(d.decidedJson()));
      item.put("screened", d.screenedJson() == null ? null : tree(d.screenedJson()));
      items.add(item);
    }
    Page<Map<String, Object>> out = new Page<>(items, page.offset(), page.limit(), page.total());
    return OrderRoutes.page(out, "decisions");
  }

  private JsonNode tree(String text) {
    try {
      return context.json().readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("a decision in trading_decisions is not JSON", e);
    }
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
}
