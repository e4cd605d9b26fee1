package dev.ballast.api.http.reports;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.api.http.auth.Principal;
import dev.ballast.engine.report.TradeAnnotations;
import dev.ballast.engine.report.TradeAnnotations.TradeRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/annotations/orders/{order}} and {@code /api/annotations/trades/{account}/{transaction}}:
 * list the notes on a trade (from the trade_annotations read table), and add one (written by the
 * caller, journaled, never changed; with an idempotency key, the same note sent twice lands once);
 * {@code /api/annotations?account=A} lists the notes on an account's trades.
 */
public final class AnnotationRoutes extends RouteSupport {
  private final dev.ballast.persistence.report.AnnotationQueries queries;

  public AnnotationRoutes(ApiContext context, dev.ballast.persistence.report.AnnotationQueries queries) {
    super(context);
    this.queries = queries;
  }

  /**
   * A note as the API takes it: {@code phase} pre or post, then the phase's answers; optionally an
   * idempotency key, given as {@code key} or as {@code source} and {@code externalId} (not both).
   */
  public record AnnotationRequest(String phase, Map<String, String> answers, String key, String source, String externalId) {}

  public Route route(Principal principal) {
    return concat(
        pathEnd(() -> get(() -> parameterOptional("account", account -> {
          if (account.isEmpty() || account.get().isBlank()) {
            return refused(List.of(new dev.ballast.engine.model.FieldError(0, "account", "is required")));
          }
          return completeBlocking(() -> json(200, Map.of("account", account.get(),
              "annotations", queries.ofAccount(account.get()).stream().map(AnnotationRoutes::note).toList())));
        }))),
        pathPrefix("orders", () -> path(PathMatchers.segment(), order -> one(TradeRef.order(order), principal))),
        pathPrefix("trades", () -> path(PathMatchers.segment().slash(PathMatchers.segment()),
            (account, tx) -> one(TradeRef.trade(account, tx), principal))));
  }

  private Route one(TradeRef ref, Principal principal) {
    return concat(
        get(() -> completeBlocking(() -> json(200, body(ref, queries.of(ref.entityId()))))),
        post(() -> body(AnnotationRequest.class, b -> {
          TradeAnnotations.Phase phase;
          try {
            phase = TradeAnnotations.Phase.parse(b.phase());
          } catch (IllegalArgumentException e) {
            return refused(List.of(new dev.ballast.engine.model.FieldError(0, "phase", e.getMessage().substring("phase: ".length()))));
          }
          String key = b.key();
          if (b.source() != null || b.externalId() != null) {
            if (key != null || b.source() == null || b.externalId() == null || b.source().isBlank() || b.externalId().isBlank()) {
              return refused(List.of(new dev.ballast.engine.model.FieldError(0, key != null ? "key" : b.source() == null ? "source" : "externalId",
                  "give key, or source with externalId, as the note's idempotency key")));
            }
            key = TradeAnnotations.key(b.source().trim(), b.externalId().trim());
          }
          String by = principal == null ? "api" : principal.name();
          String chosen = key;
          return completeWithFuture(ref(ref).<TradeAnnotations.Result>ask(
              r -> new TradeAnnotations.Annotate(ref, phase, b.answers(), by, chosen, r), context.askTimeout())
              .thenApply(result -> result instanceof TradeAnnotations.Accepted a
                  ? json(a.repeated() ? 200 : 201, note(a.annotation())) : refusal(((TradeAnnotations.Refused) result).error())));
        })));
  }

  /** The notes on a trade, oldest first; for the monthly report too. */
  public CompletionStage<TradeAnnotations.State> list(TradeRef ref) {
    return ref(ref).ask(TradeAnnotations.Get::new, context.askTimeout());
  }

  private EntityRef<TradeAnnotations.Command> ref(TradeRef ref) {
    return context.sharding().entityRefFor(TradeAnnotations.ENTITY_KEY, ref.entityId());
  }

  private static Map<String, Object> body(TradeRef ref, List<dev.ballast.persistence.report.AnnotationQueries.AnnotationRow> rows) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", ref.entityId());
    body.put("annotations", rows.stream().map(AnnotationRoutes::note).toList());
    return body;
  }

  static Map<String, Object> note(dev.ballast.persistence.report.AnnotationQueries.AnnotationRow a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ref", a.entityId());
    m.put("phase", a.phase());
    m.put("by", a.by());
    m.put("at", a.at().toString());
    m.put("answers", a.answers());
    if (a.key() != null) {
      m.put("key", a.key());
    }
    return m;
  }

  static Map<String, Object> note(TradeAnnotations.Annotation a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phase", a.phase().name().toLowerCase(java.util.Locale.ROOT));
    m.put("by", a.by());
    m.put("at", a.at().toString());
    m.put("answers", a.answers());
    if (a.key() != null) {
      m.put("key", a.key());
    }
    return m;
  }
}
