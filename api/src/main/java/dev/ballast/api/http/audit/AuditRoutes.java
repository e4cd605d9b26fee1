package dev.ballast.api.http.audit;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.model.FieldError;
import dev.ballast.persistence.audit.EntityRef;
import dev.ballast.persistence.audit.JournalAudit;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/audit}: the journal of an entity, its state rebuilt from events, and the check of every
 * entity against its snapshot and the read tables.
 */
public final class AuditRoutes extends RouteSupport {
  private final JournalAudit audit;

  public AuditRoutes(ApiContext context, JournalAudit audit) {
    super(context);
    this.audit = audit;
  }

  public Route route() {
    return concat(
        path(PathMatchers.segment("log").slash(PathMatchers.segment()), entity -> get(() ->
            pathId("entity", entity, AuditRoutes::entity, ref -> listPaging(paging -> completeBlocking(() ->
                page(paging, audit.log(ref).stream().map(AuditResponses.Event::of).toList(), AuditResponses.Event::writtenAt)))))),
        path(PathMatchers.segment("state").slash(PathMatchers.segment()), entity -> get(() ->
            pathId("entity", entity, AuditRoutes::entity, ref -> parameterOptional("at", at -> state(ref, at))))),
        path("verify", () -> get(() -> completeBlocking(() -> {
          var report = audit.verify();
          return json(report.clean() ? 200 : 409, AuditResponses.Verify.of(report));
        }))));
  }

  private Route state(EntityRef ref, Optional<String> at) {
    Instant instant = null;
    if (at.isPresent()) {
      try {
        instant = Instant.parse(at.get());
      } catch (DateTimeParseException e) {
        String message = "not an ISO-8601 instant such as 2026-01-31T00:00:00Z";
        return complete(problem(Problem.badRequest("at: " + message, List.of(new FieldError(0, "at", message)))));
      }
    }
    Instant when = instant;
    return completeBlocking(() -> json(200, AuditResponses.State.of(audit.state(ref, when))));
  }

  private static EntityRef entity(String text) {
    try {
      return EntityRef.parse(text);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      throw new IllegalArgumentException(message.startsWith("entity: ") ? message.substring("entity: ".length()) : message);
    }
  }
}
