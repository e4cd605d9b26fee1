package dev.ballast.api.http.killswitch;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.risk.KillSwitch;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /api/kill-switch}: its status; engage it (no new orders, open orders cancelled) and reset it. */
public final class KillSwitchRoutes extends RouteSupport {

  public KillSwitchRoutes(ApiContext context) {
    super(context);
  }

  public Route route() {
    return concat(
        pathEnd(() -> get(() -> completeWithFuture(ref().<KillSwitch.State>ask(KillSwitch.Get::new, context.askTimeout())
            .thenApply(state -> json(200, state))))),
        path("engage", () -> post(() -> body(KillSwitchRequest.class,
            b -> command(r -> new KillSwitch.Engage(by(b), b.reason(), r))))),
        path("reset", () -> post(() -> body(KillSwitchRequest.class, b -> command(r -> new KillSwitch.Reset(by(b), r))))));
  }

  private static String by(KillSwitchRequest b) {
    return b.by() == null ? "api" : b.by();
  }

  private Route command(Function<ActorRef<KillSwitch.Result>, KillSwitch.Command> command) {
    return completeWithFuture(ref().<KillSwitch.Result>ask(command::apply, context.askTimeout()).thenApply(result ->
        result instanceof KillSwitch.Accepted a ? json(200, Map.of("changed", a.changed(), "state", a.state()))
            : refusal(((KillSwitch.Refused) result).error())));
  }

  private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<KillSwitch.Command> ref() {
    return context.sharding().entityRefFor(KillSwitch.ENTITY_KEY, KillSwitch.ID);
  }
}
