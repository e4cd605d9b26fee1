package dev.ballast.api.http.sync;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.account.sync.AccountSync;
import dev.ballast.engine.account.sync.SyncStatus;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.persistence.sync.JdbcSyncStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/sync}: connect an account to a venue (kind and settings; its secret is set through
 * {@code /api/secrets}), its sync state (last sync, last error, next sync), a sync on demand, and
 * disconnecting it.
 */
public final class SyncRoutes extends RouteSupport {
  /** {@code PUT /api/sync/{account}}. */
  public record ConnectRequest(String kind, Map<String, String> settings) {}

  private final JdbcSyncStore store;
  private final ClusterSharding sharding;
  private final Clock clock;

  public SyncRoutes(ApiContext context, ActorSystem<?> system, JdbcSyncStore store, Clock clock) {
    super(context);
    this.store = store;
    this.sharding = ClusterSharding.get(system);
    this.clock = clock;
  }

  public Route route() {
    return concat(
        pathEndOrSingleSlash(() -> get(() -> completeBlocking(() -> json(200, store.all().stream().map(s -> status(s.account())).toList()
            .stream().map(st -> st.toCompletableFuture().join()).toList())))),
        pathPrefix(PathMatchers.segment(), raw -> pathId("account", raw, AccountId::of, account -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> onSuccess(status(account), s -> complete(json(200, s)))),
                post(() -> onSuccess(ask(account, AccountSync.SyncNow::new), s -> complete(json(SyncStatus.NOT_CONNECTED.equals(s.phase())
                    ? 404 : 202, s)))),
                put(() -> body(ConnectRequest.class, b -> connect(account, b))),
                delete(() -> completeBlocking(() -> {
                  boolean removed = store.disconnect(account);
                  entity(account).tell(new AccountSync.Wake());
                  return removed ? json(200, Map.of("account", account.value(), "connected", false))
                      : problem(Problem.notFound("account " + account.value() + " is not connected"));
                }))))))));
  }

  private Route connect(AccountId account, ConnectRequest body) {
    Map<String, String> settings = body.settings() == null ? Map.of() : body.settings();
    List<String> problems = body.kind() == null ? List.of("kind is required") : SyncAdapters.check(body.kind(), settings);
    if (!problems.isEmpty()) {
      return refused(problems.stream().map(p -> new FieldError(0, p.startsWith("kind") || p.startsWith("unknown kind") ? "kind"
          : p.matches("[A-Za-z]+: .*") ? "settings." + p.substring(0, p.indexOf(':')) : "settings", p)).toList());
    }
    // the ledger itself, not the read side, says whether the account exists (it may have been opened a moment ago)
    CompletionStage<dev.ballast.engine.account.AccountLedger.SummaryResult> summary = sharding
        .entityRefFor(dev.ballast.engine.account.AccountLedger.ENTITY_KEY, account.value())
        .ask(dev.ballast.engine.account.AccountLedger.GetSummary::new, context.askTimeout());
    return onSuccess(summary, result -> {
      if (!(result instanceof dev.ballast.engine.account.AccountLedger.AccountSummary)) {
        return complete(problem(Problem.notFound("no account " + account.value())));
      }
      return completeBlocking(() -> {
        store.connect(account, body.kind(), settings, clock.instant());
        // the actor reloads the connection; a new one is due at once (its full sync)
        entity(account).tell(new AccountSync.Wake());
        return json(200, Map.of("account", account.value(), "kind", body.kind(), "connected", true));
      });
    });
  }

  private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<AccountSync.Command> entity(AccountId account) {
    return sharding.entityRefFor(AccountSync.ENTITY_KEY, account.value());
  }

  private CompletionStage<SyncStatus> status(AccountId account) {
    return ask(account, AccountSync.GetStatus::new);
  }

  private CompletionStage<SyncStatus> ask(AccountId account,
      java.util.function.Function<org.apache.pekko.actor.typed.ActorRef<SyncStatus>, AccountSync.Command> message) {
    return entity(account).ask(message::apply, context.askTimeout());
  }
}
