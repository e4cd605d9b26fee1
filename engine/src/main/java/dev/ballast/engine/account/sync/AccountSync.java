package dev.ballast.engine.account.sync;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.serialization.JsonSerializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The sync of one connected account: a full sync when first connected, then one per interval of its
 * kind, or on demand; each page of the venue's history recorded into the account's ledger (which
 * acknowledges rows it has by their venue ids) before its cursor is saved, so a restart continues
 * from the last recorded page and never records a row twice; then the venue's balances checked
 * against the ledger (a difference is the ledger's discrepancy event). Transient failures back off;
 * a crash restarts the actor, which reloads its cursor.
 */
public final class AccountSync {
  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "AccountSync");

  public sealed interface Command extends JsonSerializable {}

  /** Reloads the connection (after it was made, changed or removed, or when the server starts) and syncs when due. */
  public record Wake() implements Command {}

  /** Syncs now unless a sync runs; replies with the status at once (phase {@code syncing}). */
  public record SyncNow(org.apache.pekko.actor.typed.ActorRef<SyncStatus> replyTo) implements Command {}

  public record GetStatus(org.apache.pekko.actor.typed.ActorRef<SyncStatus> replyTo) implements Command {}

  private record Loaded(Optional<SyncState> state, Throwable failure) implements Command {}

  private record Due() implements Command {}

  private record PageRead(HistoryPage page, Throwable failure) implements Command {}

  private record PageRecorded(HistoryPage page, AccountLedger.BatchResult result, Throwable failure) implements Command {}

  private record CursorSaved(HistoryPage page, long fresh, boolean accepted, Throwable failure) implements Command {}

  private record BalancesRead(List<Balance> balances, Throwable failure) implements Command {}

  private record BalancesChecked(AccountLedger.BalanceResult result, Throwable failure) implements Command {}

  private record OutcomeSaved(SyncState state, int failures, boolean accepted, Throwable failure) implements Command {}

  /** What the actor needs from outside. */
  public record Dependencies(SyncSettings settings, SyncStore store, AccountAdapterFactory adapters, SyncLedger ledger) {}

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final StashBuffer<Command> stash;
  private final AccountId account;
  private final Dependencies deps;

  private AccountSync(ActorContext<Command> context, TimerScheduler<Command> timers, StashBuffer<Command> stash, AccountId account,
      Dependencies deps) {
    this.context = context;
    this.timers = timers;
    this.stash = stash;
    this.account = account;
    this.deps = deps;
  }

  /** Registers the entity with sharding; sync actors are never passivated, their timers are their schedule. */
  public static void init(ActorSystem<?> system, Dependencies deps) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(AccountId.of(ctx.getEntityId()), deps))
        .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
  }

  /** The ledgers through Cluster Sharding, as everything else reaches them. */
  public static SyncLedger shardedLedger(ActorSystem<?> system, Duration timeout) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return new SyncLedger() {
      @Override
      public CompletionStage<AccountLedger.BatchResult> record(AccountId account, List<dev.ballast.engine.model.Transaction> transactions) {
        return sharding.entityRefFor(AccountLedger.ENTITY_KEY, account.value())
            .ask(reply -> new AccountLedger.RecordTransactions(transactions, reply), timeout);
      }

      @Override
      public CompletionStage<AccountLedger.BalanceResult> report(AccountId account, String source, Instant asOf, Map<AssetId, BigDecimal> balances,
          boolean complete, java.util.Set<AssetId> notCompared) {
        return sharding.entityRefFor(AccountLedger.ENTITY_KEY, account.value())
            .ask(reply -> new AccountLedger.ReportBalances(source, asOf, balances, complete, notCompared, reply), timeout);
      }
    };
  }

  /** Wakes the actor of every connected account (at server start). */
  public static CompletionStage<Integer> wakeAll(ActorSystem<?> system, Dependencies deps) {
    return CompletableFuture.supplyAsync(() -> {
      List<AccountId> connected = deps.store().connected();
      ClusterSharding sharding = ClusterSharding.get(system);
      connected.forEach(a -> sharding.entityRefFor(ENTITY_KEY, a.value()).tell(new Wake()));
      return connected.size();
    }, deps.settings().blocking());
  }

  public static Behavior<Command> create(AccountId account, Dependencies deps) {
    Behavior<Command> behavior = Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.withStash(1_000,
        stash -> new AccountSync(ctx, timers, stash, account, deps).load())));
    return Behaviors.supervise(behavior).onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0.2));
  }

  // ---- loading ----------------------------------------------------------------------------

  private Behavior<Command> load() {
    context.pipeToSelf(blocking(() -> deps.store().load(account)), Loaded::new);
    return Behaviors.receive(Command.class)
        .onMessage(Loaded.class, this::loaded)
        .onAnyMessage(m -> {
          if (!stash.isFull()) {
            stash.stash(m);
          }
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> loaded(Loaded loaded) {
    if (loaded.failure() != null) {
      // the store is down: the supervisor restarts the actor with backoff and it loads again
      throw new IllegalStateException("the sync state of " + account + " could not be read: " + loaded.failure().getMessage(), loaded.failure());
    }
    timers.cancelAll();
    if (loaded.state().isEmpty()) {
      return stash.unstashAll(notConnected());
    }
    SyncState state = loaded.state().get();
    schedule(state);
    return stash.unstashAll(idle(state, 0));
  }

  private Behavior<Command> notConnected() {
    return Behaviors.receive(Command.class)
        .onMessage(Wake.class, w -> load())
        .onMessage(SyncNow.class, m -> reply(m.replyTo(), notConnectedStatus()))
        .onMessage(GetStatus.class, m -> reply(m.replyTo(), notConnectedStatus()))
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  private SyncStatus notConnectedStatus() {
    return new SyncStatus(account.value(), null, SyncStatus.NOT_CONNECTED, null, null, null, null, 0, null);
  }

  // ---- between syncs ----------------------------------------------------------------------

  private void schedule(SyncState state) {
    Instant now = deps.settings().clock().instant();
    Instant next = state.nextSyncAt() == null ? now : state.nextSyncAt();
    Duration delay = Duration.between(now, next);
    timers.startSingleTimer("due", new Due(), delay.isNegative() ? Duration.ZERO : delay);
  }

  private Behavior<Command> idle(SyncState state, int failures) {
    String phase = failures > 0 ? SyncStatus.BACKING_OFF : SyncStatus.IDLE;
    return Behaviors.receive(Command.class)
        .onMessage(Due.class, d -> start(state, failures))
        .onMessage(SyncNow.class, m -> {
          m.replyTo().tell(status(state, SyncStatus.SYNCING));
          timers.cancel("due");
          return start(state, failures);
        })
        .onMessage(GetStatus.class, m -> reply(m.replyTo(), status(state, phase)))
        .onMessage(Wake.class, w -> load())
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  private SyncStatus status(SyncState s, String phase) {
    return new SyncStatus(account.value(), s.kind(), phase, s.lastSyncAt(), s.lastError(), s.lastErrorAt(), s.nextSyncAt(), s.recorded(),
        s.cursor().toString());
  }

  private Behavior<Command> reply(org.apache.pekko.actor.typed.ActorRef<SyncStatus> to, SyncStatus status) {
    to.tell(status);
    return Behaviors.same();
  }

  // ---- a sync -----------------------------------------------------------------------------

  private Behavior<Command> start(SyncState state, int failures) {
    AccountAdapter adapter;
    try {
      adapter = deps.adapters().open(state);
    } catch (AccountAdapterException e) {
      return fail(state, failures, e);
    } catch (RuntimeException e) {
      // settings the adapter cannot use (a bad URL, an empty address list): a typed failure with a lastError, not a crash-looping actor
      return fail(state, failures, new AccountAdapterException(state.kind(),
          new AccountAdapterError.Malformed("settings not usable: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
    }
    readPage(adapter, state.cursor());
    return syncing(state, failures, adapter);
  }

  private void readPage(AccountAdapter adapter, SyncCursor cursor) {
    context.pipeToSelf(guarded(() -> adapter.transactionsSince(cursor)), PageRead::new);
  }

  private Behavior<Command> syncing(SyncState state, int failures, AccountAdapter adapter) {
    return Behaviors.receive(Command.class)
        .onMessage(PageRead.class, m -> {
          if (m.failure() != null) {
            return fail(state, failures, m.failure());
          }
          if (m.page().transactions().size() > InputLimits.MAX_BATCH_ROWS) {
            return fail(state, failures, new AccountAdapterException(adapter.venue(), new AccountAdapterError.Malformed(
                "a page of " + m.page().transactions().size() + " rows; the ledger takes " + InputLimits.MAX_BATCH_ROWS + " per batch")));
          }
          if (m.page().transactions().isEmpty()) {
            context.pipeToSelf(blocking(() -> deps.store().saveCursor(account, state.generation(), m.page().next(), 0)),
                (ok, f) -> new CursorSaved(m.page(), 0, Boolean.TRUE.equals(ok), f));
          } else {
            context.pipeToSelf(guarded(() -> deps.ledger().record(account, m.page().transactions())),
                (r, f) -> new PageRecorded(m.page(), r, f));
          }
          return Behaviors.same();
        })
        .onMessage(PageRecorded.class, m -> {
          if (m.failure() != null) {
            return fail(state, failures, m.failure());
          }
          if (m.result() instanceof AccountLedger.Refused refused) {
            return fail(state, failures, new LedgerRefusal("the ledger refused a page from " + state.cursor() + ": " + refused.error()));
          }
          AccountLedger.Recorded recorded = (AccountLedger.Recorded) m.result();
          long fresh = recorded.transactionIds().size();
          context.pipeToSelf(blocking(() -> deps.store().saveCursor(account, state.generation(), m.page().next(), fresh)),
              (ok, f) -> new CursorSaved(m.page(), fresh, Boolean.TRUE.equals(ok), f));
          return Behaviors.same();
        })
        .onMessage(CursorSaved.class, m -> {
          if (m.failure() != null) {
            return fail(state, failures, m.failure());
          }
          if (!m.accepted()) {
            return superseded();
          }
          SyncState advanced = with(state, m.page().next(), state.recorded() + m.fresh());
          if (m.page().more()) {
            readPage(adapter, advanced.cursor());
          } else {
            context.pipeToSelf(guarded(adapter::balances), BalancesRead::new);
          }
          return syncing(advanced, failures, adapter);
        })
        .onMessage(BalancesRead.class, m -> {
          if (m.failure() != null) {
            return fail(state, failures, m.failure());
          }
          Map<AssetId, BigDecimal> totals = new LinkedHashMap<>();
          m.balances().forEach(b -> totals.merge(b.asset(), b.total().value(), BigDecimal::add));
          Instant asOf = deps.settings().clock().instant();
          context.pipeToSelf(guarded(() -> deps.ledger().report(account, adapter.venue(), asOf, totals, adapter.listsEveryHolding(),
              java.util.Set.copyOf(adapter.neverListed()))), BalancesChecked::new);
          return Behaviors.same();
        })
        .onMessage(BalancesChecked.class, m -> {
          if (m.failure() != null) {
            return fail(state, failures, m.failure());
          }
          if (m.result() instanceof AccountLedger.Refused refused) {
            return fail(state, failures, new LedgerRefusal("the ledger refused the balances: " + refused.error()));
          }
          return succeeded(state);
        })
        .onMessage(OutcomeSaved.class, this::outcomeSaved)
        .onMessage(GetStatus.class, m -> reply(m.replyTo(), status(state, SyncStatus.SYNCING)))
        .onMessage(SyncNow.class, m -> reply(m.replyTo(), status(state, SyncStatus.SYNCING)))
        .onMessage(Wake.class, m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .onMessage(Due.class, m -> Behaviors.same())
        .build();
  }

  private Behavior<Command> succeeded(SyncState state) {
    Instant now = deps.settings().clock().instant();
    Instant next = now.plus(deps.settings().intervalOf(state.kind()));
    SyncState done = new SyncState(state.account(), state.kind(), state.settings(), state.cursor(), state.connectedAt(), now, null, null, next,
        state.recorded(), state.generation());
    context.pipeToSelf(blocking(() -> deps.store().saveOutcome(account, state.generation(), now, null, null, next)),
        (ok, f) -> new OutcomeSaved(done, 0, Boolean.TRUE.equals(ok), f));
    return saving();
  }

  private Behavior<Command> fail(SyncState state, int failures, Throwable cause) {
    Throwable e = unwrap(cause);
    Instant now = deps.settings().clock().instant();
    Duration wait;
    int after;
    String message;
    if (e instanceof AccountAdapterException adapterFailure) {
      AccountAdapterError error = adapterFailure.error();
      message = adapterFailure.getMessage();
      if (error instanceof AccountAdapterError.RateLimited limited) {
        after = failures + 1;
        wait = limited.retryAfterDelay().orElse(deps.settings().backoff(after));
      } else if (error instanceof AccountAdapterError.Unavailable) {
        after = failures + 1;
        wait = deps.settings().backoff(after);
      } else {
        // wrong credentials or an answer it cannot map: retrying soon changes nothing
        after = 0;
        wait = deps.settings().intervalOf(state.kind());
      }
    } else if (e instanceof LedgerRefusal) {
      after = 0;
      message = e.getMessage();
      wait = deps.settings().intervalOf(state.kind());
    } else {
      // a timeout or the store: transient
      after = failures + 1;
      message = (e instanceof TimeoutException ? "timed out: " : "") + e.getClass().getSimpleName() + ": " + e.getMessage();
      wait = deps.settings().backoff(after);
    }
    if (message.length() > 1000) {
      message = message.substring(0, 1000);
    }
    context.getLog().warn("sync of {} failed ({}), next in {}", account, message, wait);
    Instant next = now.plus(wait);
    String error = message;
    SyncState failed = new SyncState(state.account(), state.kind(), state.settings(), state.cursor(), state.connectedAt(), state.lastSyncAt(),
        error, now, next, state.recorded(), state.generation());
    int count = after;
    context.pipeToSelf(blocking(() -> deps.store().saveOutcome(account, state.generation(), state.lastSyncAt(), error, now, next)),
        (ok, f) -> new OutcomeSaved(failed, count, Boolean.TRUE.equals(ok), f));
    return saving();
  }

  private Behavior<Command> saving() {
    return Behaviors.receive(Command.class)
        .onMessage(OutcomeSaved.class, this::outcomeSaved)
        .onMessage(GetStatus.class, m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .onMessage(SyncNow.class, m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .onMessage(Wake.class, m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .onAnyMessage(m -> Behaviors.same())
        .build();
  }

  private Behavior<Command> outcomeSaved(OutcomeSaved m) {
    if (m.failure() != null) {
      throw new IllegalStateException("the sync outcome of " + account + " could not be saved: " + m.failure().getMessage(), m.failure());
    }
    if (!m.accepted()) {
      return superseded();
    }
    schedule(m.state());
    return stash.unstashAll(idle(m.state(), m.failures()));
  }

  private static SyncState with(SyncState s, SyncCursor cursor, long recorded) {
    return new SyncState(s.account(), s.kind(), s.settings(), cursor, s.connectedAt(), s.lastSyncAt(), s.lastError(), s.lastErrorAt(),
        s.nextSyncAt(), recorded, s.generation());
  }

  /**
   * The store refused this sync's cursor or outcome: the connection was reset (other settings, a
   * reconnection) or removed while it ran. Its cursor was made for what the connection was: it is
   * dropped, and the connection is loaded again (a reset one is due at once, from its start).
   */
  private Behavior<Command> superseded() {
    context.getLog().info("sync of {} stopped: its connection was changed or removed while it ran", account);
    return load();
  }

  private <T> CompletionStage<T> blocking(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, deps.settings().blocking());
  }

  /** An adapter or ledger call that throws instead of failing its stage fails the stage. */
  private static <T> CompletionStage<T> guarded(Supplier<CompletionStage<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** The ledger refused a page or the balances: not transient. */
  private static final class LedgerRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LedgerRefusal(String message) {
      super(message);
    }
  }
}
