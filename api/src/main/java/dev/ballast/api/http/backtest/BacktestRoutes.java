package dev.ballast.api.http.backtest;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.backtest.BacktestRequest;
import dev.ballast.engine.model.FieldError;
import dev.ballast.persistence.backtest.BacktestRunStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.ContentDisposition;
import org.apache.pekko.http.javadsl.model.headers.ContentDispositionTypes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/backtests}: start a backtest over the price store (it runs in the background; its
 * row says RUNNING, then DONE or FAILED), list and show the stored runs, export a run's value
 * series or trades as CSV, and compare runs' metrics.
 */
public final class BacktestRoutes extends RouteSupport {
  private static final int MAX_COMPARED = 20;
  private final BacktestRuns runs;
  private final Executor background;

  public BacktestRoutes(ApiContext context, BacktestRuns runs, Executor background) {
    super(context);
    this.runs = runs;
    this.background = background;
  }

  /** What a client sends to start a run: the CLI's options; the source is always the price store. */
  public record StartRequest(String strategy, String from, String to, String initial, String currency, Map<String, String> params) {}

  public Route route() {
    return concat(
        pathEnd(() -> concat(
            get(() -> parameterOptional("limit", limit -> completeBlocking(() -> {
              int n;
              try {
                n = limit.map(Integer::parseInt).orElse(50);
              } catch (NumberFormatException e) {
                return invalid("limit", "'" + limit.get() + "' is not a whole number");
              }
              if (n < 1 || n > 1000) {
                return invalid("limit", "must be 1 to 1000");
              }
              return json(200, Map.of("runs", runs.store().list(n).stream().map(BacktestRoutes::summary).toList()));
            }))),
            post(() -> body(StartRequest.class, b -> completeBlocking(() -> start(b)))))),
        path("compare", () -> get(() -> parameterOptional("runs", ids -> completeBlocking(() -> {
          List<String> list = ids.map(s -> List.of(s.split(","))).orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
          if (list.isEmpty() || list.size() > MAX_COMPARED) {
            return invalid("runs", "give 1 to " + MAX_COMPARED + " run ids, comma-separated");
          }
          List<Map<String, Object>> out = new ArrayList<>();
          for (String id : list) {
            Optional<BacktestRunStore.StoredRun> r = runs.store().find(id);
            if (r.isEmpty()) {
              return problem(Problem.notFound("no backtest run " + id));
            }
            out.add(summary(r.get()));
          }
          return json(200, Map.of("runs", out));
        })))),
        pathPrefix(PathMatchers.segment(), id -> concat(
            pathEnd(() -> get(() -> completeBlocking(() -> runs.store().find(id).map(r -> {
              Map<String, Object> body = summary(r);
              body.put("values", runs.store().values(id));
              body.put("fills", runs.store().fills(id));
              return json(200, body);
            }).orElseGet(() -> problem(Problem.notFound("no backtest run " + id)))))),
            path("rerun", () -> post(() -> completeBlocking(() -> runs.store().find(id).map(r -> {
              try {
                String again = runs.start(r.request(), id, background);
                return json(202, Map.of("run", again, "rerunOf", id, "status", BacktestRunStore.Status.RUNNING.name()));
              } catch (IllegalArgumentException e) {
                return problem(Problem.invalid(e.getMessage(), List.of(new FieldError(0, "request", e.getMessage()))));
              }
            }).orElseGet(() -> problem(Problem.notFound("no backtest run " + id)))))),
            path("decisions", () -> get(() -> parameterOptional("offset", offset -> parameterOptional("limit", limit -> completeBlocking(() -> {
              long[] page = page(offset, limit);
              if (page == null) {
                return invalid(pageError(offset, limit), "must be a whole number: offset 0 or more, limit 1 to " + MAX_PAGE);
              }
              if (runs.store().find(id).isEmpty()) {
                return problem(Problem.notFound("no backtest run " + id));
              }
              dev.ballast.persistence.query.Page<BacktestRunStore.StoredDecision> p = runs.store().decisions(id, page[0], (int) page[1]);
              List<Map<String, Object>> items = new ArrayList<>();
              for (BacktestRunStore.StoredDecision d : p.items()) {
                items.add(decision(d));
              }
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("run", id);
              body.put("items", items);
              body.put("offset", p.offset());
              body.put("limit", p.limit());
              body.put("total", p.total());
              return json(200, body);
            }))))),
            path("export", () -> get(() -> parameterOptional("what", what -> completeBlocking(() -> {
              String kind = what.orElse("values");
              if (!kind.equals("values") && !kind.equals("trades") && !kind.equals("decisions")) {
                return invalid("what", "'" + kind + "' is not values, trades or decisions");
              }
              if (runs.store().find(id).isEmpty()) {
                return problem(Problem.notFound("no backtest run " + id));
              }
              String csv = kind.equals("values") ? BacktestCsv.values(runs.store().values(id))
                  : kind.equals("trades") ? BacktestCsv.trades(runs.store().fills(id)) : BacktestCsv.decisions(allDecisions(runs.store(), id));
              return HttpResponse.create().withStatus(200)
                  .withEntity(ContentTypes.TEXT_CSV_UTF8, csv.getBytes(StandardCharsets.UTF_8))
                  .addHeader(ContentDisposition.create(ContentDispositionTypes.ATTACHMENT, Map.of("filename", id + "-" + kind + ".csv")));
            })))))));
  }

  private HttpResponse start(StartRequest b) {
    List<FieldError> errors = new ArrayList<>();
    java.time.LocalDate from = date("from", b.from(), errors);
    java.time.LocalDate to = date("to", b.to(), errors);
    java.math.BigDecimal initial = null;
    if (b.initial() != null) {
      try {
        initial = new java.math.BigDecimal(b.initial().trim());
      } catch (NumberFormatException e) {
        errors.add(new FieldError(0, "initial", "'" + b.initial() + "' is not a number"));
      }
    }
    if (!errors.isEmpty()) {
      return problem(Problem.invalid(errors.get(0).message(), errors));
    }
    BacktestRequest request = new BacktestRequest(b.strategy(), BacktestRequest.STORE, from, to, initial, b.currency(), b.params());
    for (String p : request.problems()) {
      int colon = p.indexOf(':');
      errors.add(new FieldError(0, colon > 0 ? p.substring(0, colon) : "body", colon > 0 ? p.substring(colon + 1).trim() : p));
    }
    if (!errors.isEmpty()) {
      return problem(Problem.invalid(errors.get(0).field() + ": " + errors.get(0).message(), errors));
    }
    try {
      String id = runs.start(request, null, background);
      return json(202, Map.of("run", id, "status", BacktestRunStore.Status.RUNNING.name()));
    } catch (IllegalArgumentException e) {
      return problem(Problem.invalid(e.getMessage(), List.of(new FieldError(0, "params", e.getMessage()))));
    }
  }

  private static java.time.LocalDate date(String field, String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    try {
      return java.time.LocalDate.parse(value.trim());
    } catch (java.time.format.DateTimeParseException e) {
      errors.add(new FieldError(0, field, "'" + value + "' is not a date (YYYY-MM-DD)"));
      return null;
    }
  }

  /** The most decisions one page holds. */
  public static final int MAX_PAGE = 500;

  /** offset and limit (default 0 and 50), or null when either is not a whole number in range. */
  private static long[] page(Optional<String> offset, Optional<String> limit) {
    try {
      long o = offset.map(String::trim).map(Long::parseLong).orElse(0L);
      long l = limit.map(String::trim).map(Long::parseLong).orElse(50L);
      return o < 0 || l < 1 || l > MAX_PAGE ? null : new long[] {o, l};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String pageError(Optional<String> offset, Optional<String> limit) {
    return page(offset, Optional.empty()) == null ? "offset" : "limit";
  }

  /** Every decision of a run, read page by page. */
  public static List<BacktestRunStore.StoredDecision> allDecisions(BacktestRunStore store, String id) {
    List<BacktestRunStore.StoredDecision> all = new ArrayList<>();
    long offset = 0;
    while (true) {
      dev.ballast.persistence.query.Page<BacktestRunStore.StoredDecision> p = store.decisions(id, offset, MAX_PAGE);
      all.addAll(p.items());
      offset += p.items().size();
      if (p.items().isEmpty() || offset >= p.total()) {
        return all;
      }
    }
  }

  /** A stored decision as the API shows it: its counts, then the decision (inputs, plan) and the screening as journaled. */
  private Map<String, Object> decision(BacktestRunStore.StoredDecision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", d.seq());
    m.put("decisionId", d.decisionId());
    m.put("date", d.date().toString());
    m.put("decidedAt", d.decidedAt().toString());
    m.put("policy", d.policy());
    m.put("intents", d.intents());
    m.put("passed", d.passed());
    m.put("rejected", d.rejected());
    m.put("problems", d.problems());
    m.put("outsideBand", d.outsideBand());
    try {
      m.put("decided", context.json().readTree(d.decidedJson()));
      m.put("screened", context.json().readTree(d.screenedJson()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("backtest decision " + d.decisionId() + ": unreadable JSON: " + e.getOriginalMessage(), e);
    }
    return m;
  }

  private HttpResponse invalid(String field, String message) {
    return problem(Problem.badRequest(field + ": " + message, List.of(new FieldError(0, field, message))));
  }

  static Map<String, Object> summary(BacktestRunStore.StoredRun r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", r.id());
    m.put("status", r.status().name());
    m.put("createdAt", r.createdAt().toString());
    m.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
    m.put("request", r.request());
    m.put("firstBar", r.firstBar() == null ? null : r.firstBar().toString());
    m.put("lastBar", r.lastBar() == null ? null : r.lastBar().toString());
    m.put("optimistic", r.optimistic());
    m.put("endValue", r.endValue() == null ? null : r.endValue().toPlainString());
    m.put("trades", r.trades());
    m.put("decisions", r.decisions());
    m.put("metrics", r.metrics());
    m.put("digest", r.digest());
    m.put("rerunOf", r.rerunOf());
    m.put("error", r.error());
    return m;
  }
}
