package dev.ballast.engine.portfolio;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.serialization.JsonSerializable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandlerBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * A portfolio: a base currency, the accounts it is made of, and its target allocation. Every
 * command is idempotent: a command that would change nothing is acknowledged without an event.
 */
public final class Portfolio
    extends EventSourcedBehaviorWithEnforcedReplies<Portfolio.Command, Portfolio.Event, Portfolio.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Portfolio");
  public static final String TAG = "portfolio";

  // ---- commands ---------------------------------------------------------------------------

  public sealed interface Command extends JsonSerializable {}

  public record Create(String name, AssetId baseCurrency, ActorRef<Result> replyTo) implements Command {}

  public record AttachAccount(AccountId accountId, ActorRef<Result> replyTo) implements Command {}

  public record DetachAccount(AccountId accountId, ActorRef<Result> replyTo) implements Command {}

  public record SetTargetAllocation(TargetAllocation allocation, ActorRef<Result> replyTo) implements Command {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  // ---- replies ----------------------------------------------------------------------------

  public sealed interface Result extends JsonSerializable {}

  /** Done; {@code changed} is false when the command changed nothing (a repeat). */
  public record Accepted(boolean changed) implements Result {}

  /** The command was refused, for this reason; nothing changed. */
  public record Refused(CommandError error) implements Result {}

  // ---- events -----------------------------------------------------------------------------

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = PortfolioCreated.class, name = "PortfolioCreated"),
    @JsonSubTypes.Type(value = AccountAttached.class, name = "AccountAttached"),
    @JsonSubTypes.Type(value = AccountDetached.class, name = "AccountDetached"),
    @JsonSubTypes.Type(value = TargetAllocationSet.class, name = "TargetAllocationSet")
  })
  public sealed interface Event extends JsonSerializable {
    PortfolioId portfolioId();
  }

  public record PortfolioCreated(PortfolioId portfolioId, String name, AssetId baseCurrency, Instant createdAt) implements Event {}

  public record AccountAttached(PortfolioId portfolioId, AccountId accountId, Instant at) implements Event {}

  public record AccountDetached(PortfolioId portfolioId, AccountId accountId, Instant at) implements Event {}

  public record TargetAllocationSet(PortfolioId portfolioId, TargetAllocation allocation, Instant at) implements Event {}

  // ---- state ------------------------------------------------------------------------------

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = NotCreated.class, name = "not-created"),
    @JsonSubTypes.Type(value = Active.class, name = "active")
  })
  public sealed interface State extends JsonSerializable {}

  public record NotCreated() implements State {}

  public record Active(
      PortfolioId portfolioId, String name, AssetId baseCurrency, Instant createdAt, Set<AccountId> accounts, TargetAllocation target)
      implements State {

    public Active {
      TreeSet<AccountId> sorted = new TreeSet<>(java.util.Comparator.comparing(AccountId::value));
      sorted.addAll(accounts);
      accounts = java.util.Collections.unmodifiableSet(sorted);
    }

    Active attached(AccountId id) {
      Set<AccountId> next = new TreeSet<>(java.util.Comparator.comparing(AccountId::value));
      next.addAll(accounts);
      next.add(id);
      return new Active(portfolioId, name, baseCurrency, createdAt, next, target);
    }

    Active detached(AccountId id) {
      Set<AccountId> next = new TreeSet<>(java.util.Comparator.comparing(AccountId::value));
      next.addAll(accounts);
      next.remove(id);
      return new Active(portfolioId, name, baseCurrency, createdAt, next, target);
    }

    Active targeted(TargetAllocation allocation) {
      return new Active(portfolioId, name, baseCurrency, createdAt, accounts, allocation);
    }
  }

  // ---- entry points -----------------------------------------------------------------------

  public static void init(ActorSystem<?> system, Clock clock, int snapshotEvery, Slices slices) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(PortfolioId.of(ctx.getEntityId()), clock, snapshotEvery, slices)));
  }

  public static Behavior<Command> create(PortfolioId id, Clock clock, int snapshotEvery, Slices slices) {
    return new Portfolio(id, clock, snapshotEvery, slices);
  }

  public static PersistenceId persistenceId(PortfolioId id) {
    return PersistenceId.of(ENTITY_KEY.name(), id.value());
  }

  private final PortfolioId id;
  private final Clock clock;
  private final int snapshotEvery;
  private final Slices slices;

  private Portfolio(PortfolioId id, Clock clock, int snapshotEvery, Slices slices) {
    super(persistenceId(id));
    this.id = id;
    this.clock = clock;
    this.snapshotEvery = snapshotEvery;
    this.slices = slices;
  }

  @Override
  public State emptyState() {
    return new NotCreated();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(slices.tag(TAG, id.value()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(NotCreated.class)
        .onCommand(Create.class, this::create)
        .onCommand(AttachAccount.class, cmd -> Effect().reply(cmd.replyTo(), notCreated()))
        .onCommand(DetachAccount.class, cmd -> Effect().reply(cmd.replyTo(), notCreated()))
        .onCommand(SetTargetAllocation.class, cmd -> Effect().reply(cmd.replyTo(), notCreated()))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state));
    builder
        .forStateType(Active.class)
        .onCommand(Create.class, this::recreate)
        .onCommand(AttachAccount.class, this::attach)
        .onCommand(DetachAccount.class, this::detach)
        .onCommand(SetTargetAllocation.class, this::setTarget)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state));
    return builder.build();
  }

  private Refused notCreated() {
    return new Refused(CommandError.NotFound.of("portfolio", id.value()));
  }

  private ReplyEffect<Event, State> create(NotCreated state, Create cmd) {
    if (cmd.name() == null || cmd.name().isBlank()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(0, "name", "is required")));
    }
    List<FieldError> limits = InputLimits.portfolio(cmd.name());
    if (!limits.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(limits)));
    }
    if (cmd.baseCurrency() == null || !cmd.baseCurrency().isFiat()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(0, "baseCurrency", "must be an ISO 4217 currency such as JPY")));
    }
    return Effect()
        .persist(new PortfolioCreated(id, cmd.name(), cmd.baseCurrency(), clock.instant()))
        .thenReply(cmd.replyTo(), s -> new Accepted(true));
  }

  private ReplyEffect<Event, State> recreate(Active state, Create cmd) {
    if (state.name().equals(cmd.name()) && state.baseCurrency().equals(cmd.baseCurrency())) {
      return Effect().reply(cmd.replyTo(), new Accepted(false));
    }
    return Effect().reply(cmd.replyTo(), new Refused(new CommandError.Conflict("portfolio " + id + " already exists with another name or currency")));
  }

  private ReplyEffect<Event, State> attach(Active state, AttachAccount cmd) {
    if (state.accounts().contains(cmd.accountId())) {
      return Effect().reply(cmd.replyTo(), new Accepted(false));
    }
    return Effect().persist(new AccountAttached(id, cmd.accountId(), clock.instant())).thenReply(cmd.replyTo(), s -> new Accepted(true));
  }

  private ReplyEffect<Event, State> detach(Active state, DetachAccount cmd) {
    if (!state.accounts().contains(cmd.accountId())) {
      return Effect().reply(cmd.replyTo(), new Accepted(false));
    }
    return Effect().persist(new AccountDetached(id, cmd.accountId(), clock.instant())).thenReply(cmd.replyTo(), s -> new Accepted(true));
  }

  private ReplyEffect<Event, State> setTarget(Active state, SetTargetAllocation cmd) {
    if (cmd.allocation() == null) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(0, "allocation", "is required")));
    }
    List<FieldError> problems = new java.util.ArrayList<>(TargetAllocation.limits(cmd.allocation()));
    if (problems.isEmpty()) {
      problems.addAll(cmd.allocation().problems());
    }
    if (problems.isEmpty()) {
      // a target held in an account the portfolio does not have could never be planned
      List<TargetAllocation.Target> ts = cmd.allocation().targets();
      for (int i = 0; i < ts.size(); i++) {
        if (ts.get(i).account() != null && !state.accounts().contains(ts.get(i).accountId())) {
          problems.add(new FieldError(0, "targets[" + i + "].account", "account " + ts.get(i).account() + " is not attached to portfolio " + id));
        }
      }
    }
    if (!problems.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(problems)));
    }
    if (cmd.allocation().equals(state.target())) {
      return Effect().reply(cmd.replyTo(), new Accepted(false));
    }
    return Effect().persist(new TargetAllocationSet(id, cmd.allocation(), clock.instant())).thenReply(cmd.replyTo(), s -> new Accepted(true));
  }

  private static final EventHandler<State, Event> EVENT_HANDLER = buildEventHandler();

  private static EventHandler<State, Event> buildEventHandler() {
    EventHandlerBuilder<State, Event> builder = EventHandlerBuilder.builder();
    builder
        .forStateType(NotCreated.class)
        .onEvent(PortfolioCreated.class, (state, e) ->
            new Active(e.portfolioId(), e.name(), e.baseCurrency(), e.createdAt(), Set.of(), null));
    builder
        .forStateType(Active.class)
        .onEvent(AccountAttached.class, (state, e) -> state.attached(e.accountId()))
        .onEvent(AccountDetached.class, (state, e) -> state.detached(e.accountId()))
        .onEvent(TargetAllocationSet.class, (state, e) -> state.targeted(e.allocation()));
    return builder.build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return EVENT_HANDLER;
  }

  /** The state after one event: the entity's event handler, also used by the audit to replay. */
  public static State applyEvent(State state, Event event) {
    return EVENT_HANDLER.apply(state, event);
  }
}
