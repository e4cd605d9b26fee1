package dev.ballast.api.http.feeds;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.api.http.orders.ListParams;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.live.FeedGaps;
import dev.ballast.engine.marketdata.live.FeedMetrics;
import dev.ballast.engine.model.FieldError;
import dev.ballast.persistence.marketdata.JdbcBackfillStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/feeds}: the live feeds' counters, each feed's gaps without prices with how their
 * back-fill went, and the one-minute bars back-filled into them (the prices the feed missed).
 */
public final class FeedRoutes extends RouteSupport {
  /** The longest range of bars one request reads: a week of minutes. */
  static final Duration MAX_BAR_RANGE = Duration.ofDays(7);

  private final Map<String, FeedMetrics> metrics;
  private final Map<String, ActorRef<FeedGaps.Command>> gaps;
  private final JdbcBackfillStore bars;
  private final org.apache.pekko.actor.typed.Scheduler scheduler;

  public FeedRoutes(ApiContext context, org.apache.pekko.actor.typed.ActorSystem<?> system, Map<String, FeedMetrics> metrics,
      Map<String, ActorRef<FeedGaps.Command>> gaps, JdbcBackfillStore bars) {
    super(context);
    this.scheduler = system.scheduler();
    this.metrics = Map.copyOf(metrics);
    this.gaps = Map.copyOf(gaps);
    this.bars = bars;
  }

  public Route route() {
    return concat(
        pathEnd(() -> get(() -> complete(json(200, Map.of("feeds", feeds()))))),
        pathPrefix(PathMatchers.segment(), feed -> !gaps.containsKey(feed)
            ? complete(problem(Problem.notFound("no live feed " + feed + " on this server; enabled: " + new java.util.TreeSet<>(gaps.keySet()))))
            : concat(
                path("gaps", () -> get(() -> completeWithFuture(AskPattern.<FeedGaps.Command, FeedGaps.State>ask(gaps.get(feed), FeedGaps.Get::new,
                    context.askTimeout(), scheduler).thenApply(state -> json(200, gapsOf(feed, state)))))),
                path("bars", () -> get(() -> parameterOptional("instrument", instrument -> parameterOptional("from", from ->
                    parameterOptional("to", to -> barsOf(feed, instrument, from, to)))))))));
  }

  private List<Map<String, Object>> feeds() {
    List<Map<String, Object>> out = new ArrayList<>();
    new java.util.TreeMap<>(metrics).forEach((name, m) -> {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("feed", name);
      f.put("connections", m.connections());
      f.put("quotes", m.quotes());
      f.put("heartbeats", m.heartbeats());
      f.put("malformed", m.malformed());
      f.put("dropped", m.dropped());
      f.put("failures", m.failures());
      f.put("silences", m.silences());
      f.put("lastMessage", m.lastMessage().orElse(null));
      f.put("downSince", m.downSince().orElse(null));
      out.add(f);
    });
    return out;
  }

  /** The gaps newest first; each instrument's back-fill done, failed or still pending. */
  private static Map<String, Object> gapsOf(String feed, FeedGaps.State state) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (FeedGaps.Gap g : state.recent()) {
      Map<String, Object> gap = new LinkedHashMap<>();
      gap.put("from", g.from());
      gap.put("to", g.to());
      gap.put("instruments", g.instruments().stream().map(InstrumentId::toString).toList());
      gap.put("backfilled", g.backfilled().stream().map(InstrumentId::toString).toList());
      gap.put("failed", g.failed().stream().map(InstrumentId::toString).toList());
      gap.put("pending", g.pending().stream().map(InstrumentId::toString).toList());
      items.add(0, gap);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("feed", feed);
    out.put("recorded", state.recorded());
    out.put("gaps", items);
    return out;
  }

  private Route barsOf(String feed, Optional<String> instrumentText, Optional<String> fromText, Optional<String> toText) {
    List<FieldError> errors = new ArrayList<>();
    InstrumentId instrument = null;
    if (instrumentText.isEmpty()) {
      errors.add(new FieldError(0, "instrument", "required, BASE/QUOTE (BTC/USD)"));
    } else {
      try {
        instrument = InstrumentId.parse(instrumentText.get());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(0, "instrument", e.getMessage()));
      }
    }
    ListParams range = ListParams.parse(Optional.empty(), Optional.empty(), fromText, toText, errors);
    if (errors.isEmpty()) {
      if (range.from() == null) {
        errors.add(new FieldError(0, "from", "required, an instant or a UTC date"));
      }
      if (range.to() == null) {
        errors.add(new FieldError(0, "to", "required, an instant or a UTC date"));
      }
    }
    if (errors.isEmpty() && (!range.from().isBefore(range.to()) || Duration.between(range.from(), range.to()).compareTo(MAX_BAR_RANGE) > 0)) {
      errors.add(new FieldError(0, "to", "after from and at most " + MAX_BAR_RANGE.toDays() + " days after it"));
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    InstrumentId id = instrument;
    return completeBlocking(() -> {
      List<Map<String, Object>> items = new ArrayList<>();
      for (OhlcBar b : bars.bars(feed, id, BarInterval.ONE_MINUTE, range.from(), range.to())) {
        Map<String, Object> bar = new LinkedHashMap<>();
        bar.put("start", b.start());
        bar.put("open", b.open().value());
        bar.put("high", b.high().value());
        bar.put("low", b.low().value());
        bar.put("close", b.close().value());
        bar.put("volume", b.volume() == null ? null : b.volume().value());
        items.add(bar);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("feed", feed);
      out.put("instrument", id.toString());
      out.put("currency", id.quote().value());
      out.put("interval", BarInterval.ONE_MINUTE.name());
      out.put("bars", items);
      return json(200, out);
    });
  }
}
