package dev.ballast.api.http.valuation;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.persistence.ops.PortfolioSnapshotStore;
import dev.ballast.persistence.query.BallastQueries;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/valuation/portfolios/{id}/snapshots?from&to}: the daily snapshots the
 * portfolio-snapshots job stored (issue 14), each with its value, whether it is complete, and the
 * figures a refill replaced. Unlike {@code .../snapshot} and {@code .../history}, nothing is
 * computed here: this is what the job wrote.
 */
public final class PortfolioSnapshotRoutes extends RouteSupport {
  /** The days listed when {@code from} is not given: {@code to} and the 30 before it. */
  static final int DEFAULT_DAYS = 31;

  private final BallastQueries queries;
  private final PortfolioSnapshotStore store;
  private final ZoneId zone;
  private final Clock clock;

  /** {@code zone}: the jobs' zone, whose date is the default {@code to} (the job's days are dates in it). */
  public PortfolioSnapshotRoutes(ApiContext context, BallastQueries queries, PortfolioSnapshotStore store, ZoneId zone, Clock clock) {
    super(context);
    this.queries = queries;
    this.store = store;
    this.zone = zone;
    this.clock = clock;
  }

  /** Under {@code /api/valuation}. */
  public Route route() {
    return pathPrefix("portfolios", () -> pathPrefix(PathMatchers.segment(), id -> path("snapshots", () -> get(() ->
        parameterOptional("from", from -> parameterOptional("to", to -> list(id, from, to)))))));
  }

  private Route list(String portfolio, Optional<String> fromText, Optional<String> toText) {
    List<FieldError> errors = new ArrayList<>();
    LocalDate to = date("to", toText, errors);
    LocalDate from = date("from", fromText, errors);
    if (errors.isEmpty()) {
      to = to != null ? to : LocalDate.now(clock.withZone(zone));
      from = from != null ? from : to.minusDays(DEFAULT_DAYS - 1);
      long days = ChronoUnit.DAYS.between(from, to) + 1;
      if (to.isBefore(from)) {
        errors.add(new FieldError(0, "to", to + " is before from " + from));
      } else if (days > InputLimits.HISTORY_DAYS) {
        errors.add(new FieldError(0, "from", "the range " + from + " to " + to + " is " + days + " days; at most " + InputLimits.HISTORY_DAYS));
      }
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    LocalDate first = from;
    LocalDate last = to;
    return completeBlocking(() -> {
      if (queries.portfolio(portfolio).isEmpty()) {
        return problem(Problem.notFound("no portfolio " + portfolio));
      }
      return json(200, PortfolioSnapshotsResponse.of(portfolio, first, last, store.list(portfolio, first, last),
          store.revisions(portfolio, first, last)));
    });
  }

  private static LocalDate date(String field, Optional<String> text, List<FieldError> errors) {
    if (text.isEmpty() || text.get().isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.get().trim());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(0, field, "expected a date yyyy-mm-dd, got \"" + (text.get().length() > 40 ? text.get().substring(0, 40) + "..." : text.get()) + "\""));
      return null;
    }
  }
}
