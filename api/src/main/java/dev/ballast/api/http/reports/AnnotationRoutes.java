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
 * list the notes on a trade, and add one (written by the caller, journaled, never changed).
 */
public final class AnnotationRoutes extends RouteSupport {

  public AnnotationRoutes(ApiContext context) {
    super(context);
  }

  /** A note as the API takes it: {@code phase} pre or post, then the phase's answers. */
  public record AnnotationRequest(String phase, Map<String, String> answers) {}

  public Route route(Principal principal) {
    return concat(
        pathPrefix("orders", () -> path(PathMatchers.segment(), order -> one(TradeRef.order(order), principal))),
        pathPrefix("trades", () -> path(PathMatchers.segment().slash(PathMatchers.segment()),
            (account, tx) -> one(TradeRef.trade(account, tx), principal))));
  }

  private Route one(TradeRef ref, Principal principal) {
    return concat(
        get(() -> completeWithFuture(list(ref).thenApply(state -> json(200, body(ref, state))))),
        post(() -> body(AnnotationRequest.class, b -> {
          TradeAnnotations.Phase phase;
          try {
            phase = TradeAnnotations.Phase.parse(b.phase());
          } catch (IllegalArgumentException e) {
            return refused(List.of(new dev.ballast.engine.model.FieldError(0, "phase", e.getMessage().substring("phase: ".length()))));
          }
          String by = principal == null ? "api" : principal.name();
          return completeWithFuture(ref(ref).<TradeAnnotations.Result>ask(
              r -> new TradeAnnotations.Annotate(ref, phase, b.answers(), by, r), context.askTimeout())
              .thenApply(result -> result instanceof TradeAnnotations.Accepted a
                  ? json(201, note(a.annotation())) : refusal(((TradeAnnotations.Refused) result).error())));
        })));
  }

  /** The notes on a trade, oldest first; for the monthly report too. */
  public CompletionStage<TradeAnnotations.State> list(TradeRef ref) {
    return ref(ref).ask(TradeAnnotations.Get::new, context.askTimeout());
  }

  private EntityRef<TradeAnnotations.Command> ref(TradeRef ref) {
    return context.sharding().entityRefFor(TradeAnnotations.ENTITY_KEY, ref.entityId());
  }

  private static Map<String, Object> body(TradeRef ref, TradeAnnotations.State state) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", ref.entityId());
    body.put("annotations", state.annotations().stream().map(AnnotationRoutes::note).toList());
    return body;
  }

  static Map<String, Object> note(TradeAnnotations.Annotation a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phase", a.phase().name().toLowerCase(java.util.Locale.ROOT));
    m.put("by", a.by());
    m.put("at", a.at().toString());
    m.put("answers", a.answers());
    return m;
  }
}
