package dev.ballast.engine.regime;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ballast.engine.serialization.JsonSerializable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;

/**
 * The regime of one market (entity id: the market, "crypto"): each closed day it is given is
 * journaled as {@link DayObserved}, and each change the classifier makes of it as {@link
 * RegimeChanged} with the figures it was made from. Replaying the days gives the same regime.
 */
public final class MarketRegime
    extends EventSourcedBehaviorWithEnforcedReplies<MarketRegime.Command, MarketRegime.Event, MarketRegime.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "MarketRegime");
  public static final String TAG = "regime";
  public static final String CRYPTO = "crypto";

  public sealed interface Command extends JsonSerializable {}

  /** A closed day; a day at or before the last one observed is acknowledged without an event. */
  public record ObserveDay(MarketDay day, ActorRef<Observed> replyTo) implements Command {}

  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** The reply to a day: whether it was new, and the change it made, if any. */
  public record Observed(boolean recorded, RegimeChanged change) implements JsonSerializable {}

  /** Current regime, since which day, the figures of the last day and the last change. */
  public record Status(String market, Regime regime, LocalDate since, LocalDate lastDay, RegimeInputs inputs, RegimeChanged lastChange)
      implements JsonSerializable {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = DayObserved.class, name = "DayObserved"),
    @JsonSubTypes.Type(value = RegimeChanged.class, name = "RegimeChanged")
  })
  public sealed interface Event extends JsonSerializable {
    String market();
  }

  public record DayObserved(String market, MarketDay day, Instant at) implements Event {}

  /** A change of regime on {@code day}, and every figure the classification read. */
  public record RegimeChanged(String market, LocalDate day, Regime from, Regime to, RegimeInputs inputs, RegimeSettings settings, Instant at)
      implements Event {}

  /** The classifier's state and the last change. */
  public record State(RegimeClassifier.Tracker tracker, RegimeChanged lastChange) implements JsonSerializable {
    LocalDate lastDay() {
      List<MarketDay> w = tracker.window();
      return w.isEmpty() ? null : w.get(w.size() - 1).date();
    }
  }

  public static void init(ActorSystem<?> system, RegimeSettings settings, Clock clock) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), settings, clock)));
  }

  public static Behavior<Command> create(String market, RegimeSettings settings, Clock clock) {
    return new MarketRegime(market, settings, clock);
  }

  public static PersistenceId persistenceId(String market) {
    return PersistenceId.of(ENTITY_KEY.name(), market);
  }

  private final String market;
  private final RegimeSettings settings;
  private final Clock clock;

  private MarketRegime(String market, RegimeSettings settings, Clock clock) {
    super(persistenceId(market));
    this.market = market;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public State emptyState() {
    return new State(RegimeClassifier.Tracker.start(), null);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(TAG);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(ObserveDay.class, this::observe)
        .onCommand(GetStatus.class, (state, cmd) -> Effect().reply(cmd.replyTo(), status(state)))
        .build();
  }

  private org.apache.pekko.persistence.typed.javadsl.ReplyEffect<Event, State> observe(State state, ObserveDay cmd) {
    LocalDate last = state.lastDay();
    if (last != null && !cmd.day().date().isAfter(last)) {
      return Effect().reply(cmd.replyTo(), new Observed(false, null));
    }
    Instant now = clock.instant();
    RegimeClassifier.Tracker.Step step = state.tracker().observe(cmd.day(), settings);
    DayObserved observed = new DayObserved(market, cmd.day(), now);
    if (step.change().isEmpty()) {
      return Effect().persist(observed).thenReply(cmd.replyTo(), s -> new Observed(true, null));
    }
    RegimeClassifier.Change c = step.change().get();
    RegimeChanged changed = new RegimeChanged(market, c.day(), c.from(), c.to(), c.inputs(), settings, now);
    return Effect().persist(List.of(observed, changed)).thenReply(cmd.replyTo(), s -> new Observed(true, changed));
  }

  private Status status(State s) {
    return new Status(market, s.tracker().regime(), s.tracker().since(), s.lastDay(), s.tracker().lastInputs(), s.lastChange());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(DayObserved.class, (s, e) -> new State(s.tracker().observe(e.day(), settings).next(), s.lastChange()))
        .onEvent(RegimeChanged.class, (s, e) -> new State(s.tracker(), e))
        .build();
  }
}
