package dev.ballast.api.http.regime;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.marketdata.CryptoMarket;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.regime.MarketDay;
import dev.ballast.engine.regime.MarketDays;
import dev.ballast.engine.regime.MarketRegime;
import dev.ballast.persistence.marketdata.PriceStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/regime/status}: the crypto market's regime, since when, and the figures it was
 * read from. The days the market regime has not yet seen are first handed to it from the stored
 * observations of the crypto market (`prices market sync`), each closed UTC day once, in order.
 */
public final class RegimeRoutes extends RouteSupport {
  /** The currency whose total market cap the classifier follows. */
  static final AssetId USD = AssetId.of("USD");

  private final PriceStore store;
  private final Clock clock;

  private final dev.ballast.engine.ops.alerts.AlertSink alerts;

  /** @param alerts told of each regime change the days handed over make (REGIME_CHANGE) */
  public RegimeRoutes(ApiContext context, PriceStore store, Clock clock, dev.ballast.engine.ops.alerts.AlertSink alerts) {
    super(context);
    this.store = store;
    this.clock = clock;
    this.alerts = alerts;
  }

  public Route route() {
    return path("status", () -> get(() -> completeWithFuture(status().thenApply(s -> json(200, s)))));
  }

  private CompletionStage<Map<String, Object>> status() {
    return regime().<MarketRegime.Status>ask(MarketRegime.GetStatus::new, context.askTimeout())
        .thenCompose(before -> blocking(() -> unseen(before.lastDay())))
        .thenCompose(this::observe)
        .thenCompose(fed -> regime().<MarketRegime.Status>ask(MarketRegime.GetStatus::new, context.askTimeout())
            .thenApply(s -> body(s, fed)));
  }

  /** The closed days after {@code last} among the stored observations. */
  private List<MarketDay> unseen(LocalDate last) {
    Instant from = last == null ? Instant.EPOCH : last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<CryptoMarket> observed = store.cryptoMarkets(from, today.atStartOfDay(ZoneOffset.UTC).toInstant());
    return MarketDays.closed(observed, USD, today);
  }

  /** Hands the days over one after the other (each is journaled before the next is asked); how many were new. */
  private CompletionStage<Integer> observe(List<MarketDay> days) {
    CompletionStage<Integer> done = CompletableFuture.completedFuture(0);
    for (MarketDay day : days) {
      done = done.thenCompose(n -> regime().<MarketRegime.Observed>ask(r -> new MarketRegime.ObserveDay(day, r), context.askTimeout())
          .thenApply(o -> {
            if (o.change() != null) {
              changed(o.change());
            }
            return o.recorded() ? n + 1 : n;
          }));
    }
    return done;
  }

  private void changed(MarketRegime.RegimeChanged c) {
    // raising writes to the database: off the ask's thread
    CompletableFuture.runAsync(() -> alerts.raise(dev.ballast.engine.ops.alerts.AlertType.REGIME_CHANGE, "market " + c.market(),
        "the " + c.market() + " market regime changed from " + c.from() + " to " + c.to() + " on " + c.day()), context.blocking());
  }

  private static Map<String, Object> body(MarketRegime.Status s, int fed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("market", s.market());
    out.put("regime", s.lastDay() == null ? null : s.regime());
    out.put("since", s.since());
    out.put("lastDay", s.lastDay());
    out.put("inputs", s.inputs());
    out.put("lastChange", s.lastChange());
    out.put("daysAdded", fed);
    if (s.lastDay() == null) {
      out.put("note", "no closed day of crypto market observations yet: run `ballast prices market sync` (or let the refresh job run) and ask after the day ends");
    }
    return out;
  }

  private EntityRef<MarketRegime.Command> regime() {
    return context.sharding().entityRefFor(MarketRegime.ENTITY_KEY, MarketRegime.CRYPTO);
  }
}
