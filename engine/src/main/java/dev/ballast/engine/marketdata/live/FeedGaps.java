package dev.ballast.engine.marketdata.live;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSource;
import dev.ballast.engine.serialization.JsonSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The gaps of one live feed: each time its connection was lost and came back, the span without
 * prices, and how it was back-filled from the source's REST history (one-minute bars per
 * instrument, kept through a {@link BackfillStore}). A gap recorded twice (the same start) is
 * recorded once; a gap whose back-fill had not finished when the node stopped is back-filled
 * again after recovery.
 */
public final class FeedGaps extends EventSourcedBehavior<FeedGaps.Command, FeedGaps.Event, FeedGaps.State> {

  public static final String ENTITY_TYPE = "FeedGaps";
  /** Gaps kept in the state; older ones stay in the journal. */
  static final int KEPT = 100;

  // ---- commands ---------------------------------------------------------------------------

  public sealed interface Command extends JsonSerializable {}

  /** Records that the feed had no prices of {@code instruments} in {@code [from, to)}. */
  public record RecordGap(Instant from, Instant to, Set<InstrumentId> instruments) implements Command {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  private record BackfillDone(Instant from, InstrumentId instrument, int bars) implements Command {}

  private record BackfillFailed(Instant from, InstrumentId instrument, String reason) implements Command {}

  // ---- events -----------------------------------------------------------------------------

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = FeedGapRecorded.class, name = "FeedGapRecorded"),
    @JsonSubTypes.Type(value = FeedGapBackfilled.class, name = "FeedGapBackfilled"),
    @JsonSubTypes.Type(value = FeedGapBackfillFailed.class, name = "FeedGapBackfillFailed")
  })
  public sealed interface Event extends JsonSerializable {
    String feed();

    Instant from();
  }

  public record FeedGapRecorded(String feed, Instant from, Instant to, List<InstrumentId> instruments) implements Event {}

  /** {@code bars} one-minute bars of the instrument in the gap were stored (0 when the source had none). */
  public record FeedGapBackfilled(String feed, Instant from, Instant to, InstrumentId instrument, int bars) implements Event {}

  /** The back-fill of one instrument failed; the gap stays without its prices. */
  public record FeedGapBackfillFailed(String feed, Instant from, Instant to, InstrumentId instrument, String reason) implements Event {}

  // ---- state ------------------------------------------------------------------------------

  /** One gap and what became of its back-fill. */
  public record Gap(Instant from, Instant to, List<InstrumentId> instruments, List<InstrumentId> backfilled, List<InstrumentId> failed) {
    public Gap {
      instruments = List.copyOf(instruments);
      backfilled = List.copyOf(backfilled);
      failed = List.copyOf(failed);
    }

    /** Instruments whose back-fill has no outcome yet. */
    public List<InstrumentId> pending() {
      return instruments.stream().filter(i -> !backfilled.contains(i) && !failed.contains(i)).toList();
    }

    Gap with(InstrumentId instrument, boolean ok) {
      List<InstrumentId> done = new ArrayList<>(ok ? backfilled : failed);
      done.add(instrument);
      return ok ? new Gap(from, to, instruments, done, failed) : new Gap(from, to, instruments, backfilled, done);
    }
  }

  /** The latest gaps, oldest first, and how many were recorded in all. */
  public record State(List<Gap> recent, long recorded) implements JsonSerializable {
    public State {
      recent = List.copyOf(recent);
    }

    static State empty() {
      return new State(List.of(), 0);
    }

    boolean knows(Instant from) {
      return recent.stream().anyMatch(g -> g.from().equals(from));
    }

    State apply(Event event) {
      List<Gap> next = new ArrayList<>(recent);
      if (event instanceof FeedGapRecorded e) {
        next.add(new Gap(e.from(), e.to(), e.instruments(), List.of(), List.of()));
        while (next.size() > KEPT) {
          next.remove(0);
        }
        return new State(next, recorded + 1);
      }
      if (event instanceof FeedGapBackfilled e) {
        return new State(replace(next, e.from(), e.instrument(), true), recorded);
      }
      FeedGapBackfillFailed e = (FeedGapBackfillFailed) event;
      return new State(replace(next, e.from(), e.instrument(), false), recorded);
    }

    private static List<Gap> replace(List<Gap> gaps, Instant from, InstrumentId instrument, boolean ok) {
      gaps.replaceAll(g -> g.from().equals(from) ? g.with(instrument, ok) : g);
      return gaps;
    }
  }

  // ---- entry points -----------------------------------------------------------------------

  public static PersistenceId persistenceId(String feed) {
    return PersistenceId.of(ENTITY_TYPE, feed);
  }

  /**
   * @param history the feed's REST history, or null where the venue has none (no back-fill)
   * @param store where back-filled bars go, or null with no history
   */
  public static Behavior<Command> create(String feed, PriceSource history, BackfillStore store) {
    if ((history == null) != (store == null)) {
      throw new IllegalArgumentException("feed " + feed + ": a back-fill needs both a history source and a store");
    }
    return Behaviors.setup(ctx -> new FeedGaps(ctx, feed, history, store));
  }

  private final ActorContext<Command> context;
  private final String feed;
  private final PriceSource history;
  private final BackfillStore store;

  private FeedGaps(ActorContext<Command> context, String feed, PriceSource history, BackfillStore store) {
    super(persistenceId(feed));
    this.context = context;
    this.feed = Objects.requireNonNull(feed);
    this.history = history;
    this.store = store;
  }

  @Override
  public State emptyState() {
    return State.empty();
  }

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(RecordGap.class, this::record)
        .onCommand(Get.class, (state, cmd) -> {
          cmd.replyTo().tell(state);
          return Effect().none();
        })
        .onCommand(BackfillDone.class, (state, cmd) -> Effect().persist(
            new FeedGapBackfilled(feed, cmd.from(), gapEnd(state, cmd.from()), cmd.instrument(), cmd.bars())))
        .onCommand(BackfillFailed.class, (state, cmd) -> Effect().persist(
            new FeedGapBackfillFailed(feed, cmd.from(), gapEnd(state, cmd.from()), cmd.instrument(), cmd.reason())))
        .build();
  }

  private Effect<Event, State> record(State state, RecordGap cmd) {
    if (state.knows(cmd.from()) || !cmd.to().isAfter(cmd.from()) || cmd.instruments().isEmpty()) {
      return Effect().none();
    }
    List<InstrumentId> instruments = List.copyOf(new TreeSet<>(cmd.instruments()));
    return Effect()
        .persist(new FeedGapRecorded(feed, cmd.from(), cmd.to(), instruments))
        .thenRun(after -> backfill(new Gap(cmd.from(), cmd.to(), instruments, List.of(), List.of())));
  }

  private static Instant gapEnd(State state, Instant from) {
    return state.recent().stream().filter(g -> g.from().equals(from)).map(Gap::to).findFirst().orElse(from);
  }

  private void backfill(Gap gap) {
    if (history == null) {
      return;
    }
    for (InstrumentId instrument : gap.pending()) {
      CompletionStage<Integer> stored;
      try {
        stored = history.bars(instrument, BarInterval.ONE_MINUTE, gap.from(), gap.to())
            .thenCompose(bars -> bars.isEmpty() ? CompletableFuture.completedFuture(0) : store.store(feed, List.<OhlcBar>copyOf(bars)));
      } catch (RuntimeException e) {
        stored = CompletableFuture.failedFuture(e);
      }
      context.pipeToSelf(stored, (count, failure) -> failure == null
          ? new BackfillDone(gap.from(), instrument, count)
          : new BackfillFailed(gap.from(), instrument, reason(failure)));
    }
  }

  private static String reason(Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(State::apply);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> state.recent().forEach(this::backfill))
        .build();
  }
}
