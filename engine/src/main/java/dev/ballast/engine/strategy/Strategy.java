package dev.ballast.engine.strategy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.serialization.JsonSerializable;
import dev.ballast.engine.risk.RiskCheck;
import dev.ballast.engine.risk.RiskGate;
import dev.ballast.engine.risk.RiskRejection;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandlerBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The strategy of one portfolio (its entity id is the portfolio id): its configuration, and every
 * decision it made as a {@link RebalanceDecided} holding the inputs it was made from. A check
 * gathers the inputs through {@link StrategyInputs}, runs the configured {@link StrategyPolicy},
 * journals the decision and, in paper or live mode, screens its intents through the {@link RiskGate}
 * (journaled as {@link IntentsScreened}) and hands those that passed to the {@link IntentSink}.
 */
public final class Strategy
    extends EventSourcedBehaviorWithEnforcedReplies<Strategy.Command, Strategy.Event, Strategy.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Strategy");
  public static final String TAG = "strategy";

  /**
   * What the entity needs from outside; {@code published} hears of each decision, screening and
   * delivery once journaled (live updates); {@code policyData} gathers the market data a policy reads.
   */
  public record Settings(
      Clock clock, StrategyInputs inputs, IntentSink sink, LatestPrices prices, KillSwitchView killSwitch, int snapshotEvery, Slices slices,
      java.util.function.Consumer<Event> published, PolicyData policyData) {

    public Settings {
      policyData = policyData == null ? PolicyData.NONE : policyData;
    }

    /** Settings of policies that read no market data beyond the latest prices. */
    public Settings(Clock clock, StrategyInputs inputs, IntentSink sink, LatestPrices prices, KillSwitchView killSwitch, int snapshotEvery,
        Slices slices, java.util.function.Consumer<Event> published) {
      this(clock, inputs, sink, prices, killSwitch, snapshotEvery, slices, published, PolicyData.NONE);
    }

    /** Settings with nobody listening. */
    public Settings(Clock clock, StrategyInputs inputs, IntentSink sink, LatestPrices prices, KillSwitchView killSwitch, int snapshotEvery,
        Slices slices) {
      this(clock, inputs, sink, prices, killSwitch, snapshotEvery, slices, event -> {});
    }
  }

  /**
   * Port: the market data the configured policy reads (closes for momentum and regime allocation,
   * the market regime), as known now: a context whose time, settings and state the entity fills in.
   */
  public interface PolicyData {
    CompletionStage<PolicyContext> gather(PortfolioId portfolio, StrategyConfig config);

    /** No market data: what threshold rebalancing, DCA and buckets need. */
    PolicyData NONE = (portfolio, config) -> java.util.concurrent.CompletableFuture.completedFuture(new PolicyContext(null, null, null));
  }

  /** Port: whether the kill switch is engaged now (the KillSwitch entity, asked). */
  public interface KillSwitchView {
    CompletionStage<Boolean> engaged();
  }

  // ---- commands ---------------------------------------------------------------------------

  public sealed interface Command extends JsonSerializable {}

  /** Sets the configuration; the same configuration again is acknowledged without an event. */
  public record Configure(StrategyConfig config, ActorRef<Result> replyTo) implements Command {}

  /** Checks now: gathers the inputs, decides, journals the decision; the reply is the decision. */
  public record Check(ActorRef<CheckResult> replyTo) implements Command {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  /**
   * A check for a durable job's run (issue 14): like {@link Check}, and {@code runId} is its
   * idempotency key: a run retried after a crash gets {@link AlreadyDecided} instead of a second decision.
   */
  public record CheckForRun(String runId, ActorRef<CheckResult> replyTo) implements Command {}

  /**
   * A multi-account plan's inputs handed to the strategy: decided by {@code multi-account-plan} and
   * journaled as a decision, then treated by the strategy's mode like any other (a dry run keeps it
   * a proposal; paper and live screen and send its intents). The reply is the decision.
   */
  public record ProposePlan(PolicyContext.Planner planner, ActorRef<CheckResult> replyTo) implements Command {}

  /**
   * A multi-account plan sent by a request: like {@link ProposePlan}, with the time each price is
   * from ({@code pricedAt}, by asset; an asset missing there is taken as priced now), and the
   * request's {@code idempotencyKey} (null when it sent none): the decision and the key are journaled
   * in one write, and the same key again gets {@link AlreadyDecided} with no second decision, or, if
   * its {@code requestDigest} differs, a conflict.
   */
  public record ProposePlanRequest(
      String idempotencyKey, String requestDigest, PolicyContext.Planner planner, Map<dev.ballast.engine.model.AssetId, Instant> pricedAt,
      ActorRef<CheckResult> replyTo)
      implements Command {
    public ProposePlanRequest {
      pricedAt = pricedAt == null ? Map.of() : Map.copyOf(pricedAt);
    }
  }

  /** A check the timer started: like {@link Check} with nobody to answer. */
  private record Tick() implements Command {}

  private record InputsGathered(PlanInputs inputs, String failure, ActorRef<CheckResult> replyTo, String runId) implements Command {}

  /** The kill switch read for a journaled decision: its intents are screened now. */
  private record Screen(RebalanceDecided decision, boolean killSwitchEngaged, String failure) implements Command {}

  /** The sink's answer for the intents of a decision: taken (journaled by the executions) or not. */
  private record Delivered(String decisionId, String failure) implements Command {}

  /** Takes up again what a stop interrupted or a failure left: decisions not screened, intents not delivered. */
  private record Resume() implements Command {}

  // ---- replies ----------------------------------------------------------------------------

  public sealed interface Result extends JsonSerializable {}

  public sealed interface CheckResult extends JsonSerializable {}

  public record Accepted(boolean changed) implements Result {}

  public record Refused(CommandError error) implements Result, CheckResult {}

  public record Decided(RebalanceDecided decision) implements CheckResult {}

  /** The run was decided before (by an earlier try of the same run): its decision's id, nothing new. */
  public record AlreadyDecided(String runId, String decisionId) implements CheckResult {}

  // ---- events -----------------------------------------------------------------------------

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = StrategyConfigured.class, name = "StrategyConfigured"),
    @JsonSubTypes.Type(value = RebalanceDecided.class, name = "RebalanceDecided"),
    @JsonSubTypes.Type(value = IntentsScreened.class, name = "IntentsScreened"),
    @JsonSubTypes.Type(value = IntentsDelivered.class, name = "IntentsDelivered"),
    @JsonSubTypes.Type(value = JobRunDecided.class, name = "JobRunDecided"),
    @JsonSubTypes.Type(value = PlanRequestDecided.class, name = "PlanRequestDecided")
  })
  public sealed interface Event extends JsonSerializable {
    PortfolioId portfolioId();
  }

  public record StrategyConfigured(PortfolioId portfolioId, StrategyConfig config, Instant at) implements Event {}

  /**
   * One decision: its id ({@code portfolio:N}), the policy and mode it was made under, every input
   * it used and what it decided. The policy run again on {@code inputs} gives {@code plan} again.
   */
  public record RebalanceDecided(
      PortfolioId portfolioId, String decisionId, String policy, StrategyMode mode, Instant decidedAt, PlanInputs inputs,
      RebalancePlan plan)
      implements Event {}

  /**
   * The risk gate's verdict on a decision's intents: those that passed (sent on), a rejection with
   * its reason for each other, and the portfolio's turnover of {@code day} (UTC) after them.
   */
  public record IntentsScreened(
      PortfolioId portfolioId, String decisionId, Instant screenedAt, LocalDate day, List<OrderIntent> passed, List<RiskRejection> rejected,
      BigDecimal turnoverAfter)
      implements Event {}

  /** The intents that passed a decision's screening are with the executions (each has journaled its orders). */
  public record IntentsDelivered(PortfolioId portfolioId, String decisionId, Instant at) implements Event {}

  /** A job's run made decision {@code decisionId}; journaled with the decision, in the same write. */
  public record JobRunDecided(PortfolioId portfolioId, String runId, String decisionId, Instant at) implements Event {}

  /**
   * A plan request with idempotency key {@code idempotencyKey} made decision {@code decisionId};
   * journaled with the decision, in the same write. {@code requestDigest} tells a repeat of the
   * request from another request under the same key.
   */
  public record PlanRequestDecided(PortfolioId portfolioId, String idempotencyKey, String requestDigest, String decisionId, Instant at)
      implements Event {}

  /** A plan request decided under an idempotency key: the request's digest and the decision it made. */
  public record PlanRequest(String requestDigest, String decisionId) implements JsonSerializable {}

  /** Intents that passed their screening, to be handed to the sink until it has taken them. */
  public record Delivery(String decisionId, StrategyMode mode, List<OrderIntent> intents) implements JsonSerializable {
    public Delivery {
      intents = List.copyOf(intents);
    }
  }

  // ---- state ------------------------------------------------------------------------------

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Unconfigured.class, name = "unconfigured"),
    @JsonSubTypes.Type(value = Configured.class, name = "configured")
  })
  public sealed interface State extends JsonSerializable {}

  public record Unconfigured() implements State {}

  /**
   * @param decisions how many decisions were made; the next id is {@code portfolio:decisions+1}
   * @param unscreened paper or live decisions with intents whose screening is not journaled yet, by decision id
   * @param undelivered intents that passed their screening and that the executions have not confirmed yet, by decision id
   * @param policyState what the last decision's policy left for the next (DCA carry, buckets); recovered from the journal
   * @param jobRuns the last {@link #KEPT_RUNS} job runs decided, run id to decision id, oldest first (issue 14)
   * @param planRequests the last {@link #KEPT_RUNS} plan requests decided under an idempotency key, by key, oldest first
   */
  public record Configured(
      PortfolioId portfolioId, StrategyConfig config, long decisions, String lastDecisionId, Instant lastDecidedAt, LocalDate turnoverDay,
      BigDecimal turnover, Map<String, RebalanceDecided> unscreened, Map<String, Delivery> undelivered,
      PolicyState policyState, Map<String, String> jobRuns, Map<String, PlanRequest> planRequests)
      implements State {

    /** A retry comes within minutes of its run; a hundred runs back covers years of daily jobs. */
    public static final int KEPT_RUNS = 100;

    public Configured {
      // a snapshot from before these fields has neither
      unscreened = Collections.unmodifiableMap(new TreeMap<>(unscreened == null ? Map.of() : unscreened));
      undelivered = Collections.unmodifiableMap(new TreeMap<>(undelivered == null ? Map.of() : undelivered));
      policyState = policyState == null ? PolicyState.NONE : policyState;
      jobRuns = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(jobRuns == null ? Map.of() : jobRuns));
      planRequests = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(planRequests == null ? Map.of() : planRequests));
    }

    /** The state without plan requests (as before they had idempotency keys). */
    public Configured(
        PortfolioId portfolioId, StrategyConfig config, long decisions, String lastDecisionId, Instant lastDecidedAt, LocalDate turnoverDay,
        BigDecimal turnover, Map<String, RebalanceDecided> unscreened, Map<String, Delivery> undelivered, PolicyState policyState,
        Map<String, String> jobRuns) {
      this(portfolioId, config, decisions, lastDecisionId, lastDecidedAt, turnoverDay, turnover, unscreened, undelivered, policyState, jobRuns,
          null);
    }

    /** The state without job runs (as before issue 14 kept them). */
    public Configured(
        PortfolioId portfolioId, StrategyConfig config, long decisions, String lastDecisionId, Instant lastDecidedAt, LocalDate turnoverDay,
        BigDecimal turnover, Map<String, RebalanceDecided> unscreened, Map<String, Delivery> undelivered, PolicyState policyState) {
      this(portfolioId, config, decisions, lastDecisionId, lastDecidedAt, turnoverDay, turnover, unscreened, undelivered, policyState, null);
    }

    Configured ranJob(JobRunDecided e) {
      java.util.LinkedHashMap<String, String> runs = new java.util.LinkedHashMap<>(jobRuns);
      runs.put(e.runId(), e.decisionId());
      while (runs.size() > KEPT_RUNS) {
        runs.remove(runs.keySet().iterator().next());
      }
      return new Configured(portfolioId, config, decisions, lastDecisionId, lastDecidedAt, turnoverDay, turnover, unscreened, undelivered,
          policyState, runs, planRequests);
    }

    Configured requested(PlanRequestDecided e) {
      java.util.LinkedHashMap<String, PlanRequest> requests = new java.util.LinkedHashMap<>(planRequests);
      requests.put(e.idempotencyKey(), new PlanRequest(e.requestDigest(), e.decisionId()));
      while (requests.size() > KEPT_RUNS) {
        requests.remove(requests.keySet().iterator().next());
      }
      return new Configured(portfolioId, config, decisions, lastDecisionId, lastDecidedAt, turnoverDay, turnover, unscreened, undelivered,
          policyState, jobRuns, requests);
    }

    Configured configured(StrategyConfig next) {
      return new Configured(portfolioId, next, decisions, lastDecisionId, lastDecidedAt, turnoverDay, turnover, unscreened, undelivered, policyState,
          jobRuns, planRequests);
    }

    Configured decided(RebalanceDecided e) {
      Map<String, RebalanceDecided> waiting = new TreeMap<>(unscreened);
      if (e.mode() != StrategyMode.DRY_RUN && !e.plan().intents().isEmpty()) {
        waiting.put(e.decisionId(), e);
      }
      // a decision journaled before policies kept state has none to hand on: the state stays
      PolicyState nextState = e.plan().nextState() == null ? policyState : e.plan().nextState();
      return new Configured(portfolioId, config, decisions + 1, e.decisionId(), e.decidedAt(), turnoverDay, turnover, waiting, undelivered,
          nextState, jobRuns, planRequests);
    }

    Configured screened(IntentsScreened e) {
      Map<String, RebalanceDecided> waiting = new TreeMap<>(unscreened);
      RebalanceDecided decision = waiting.remove(e.decisionId());
      Map<String, Delivery> deliveries = new TreeMap<>(undelivered);
      if (!e.passed().isEmpty()) {
        // a screening journaled before decisions were kept here names no mode: only paper and live are screened, and live is refused
        deliveries.put(e.decisionId(), new Delivery(e.decisionId(), decision == null ? StrategyMode.PAPER : decision.mode(), e.passed()));
      }
      return new Configured(portfolioId, config, decisions, lastDecisionId, lastDecidedAt, e.day(), e.turnoverAfter(), waiting, deliveries, policyState,
          jobRuns, planRequests);
    }

    Configured delivered(IntentsDelivered e) {
      Map<String, Delivery> deliveries = new TreeMap<>(undelivered);
      deliveries.remove(e.decisionId());
      return new Configured(portfolioId, config, decisions, lastDecisionId, lastDecidedAt, turnoverDay, turnover, unscreened, deliveries, policyState,
          jobRuns, planRequests);
    }

    /** What the portfolio traded on {@code day}. */
    public BigDecimal turnoverOn(LocalDate day) {
      return day.equals(turnoverDay) && turnover != null ? turnover : BigDecimal.ZERO;
    }
  }

  /** The id of a portfolio's N-th decision. */
  public static String decisionId(PortfolioId portfolio, long n) {
    return portfolio.value() + ":" + n;
  }

  /** The portfolio a decision id belongs to. */
  public static PortfolioId portfolioOf(String decisionId) {
    int colon = decisionId == null ? -1 : decisionId.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("a decision id is PORTFOLIO:N, got " + decisionId);
    }
    Long.parseLong(decisionId.substring(colon + 1));
    return PortfolioId.of(decisionId.substring(0, colon));
  }

  // ---- entry points -----------------------------------------------------------------------

  /**
   * Registers the entity type. Strategies are not passivated: an idle one still has its timer. A
   * strategy starts when first addressed, so the server wakes the configured ones at start. The
   * {@link PlanRequestKey} entities are registered with it.
   */
  public static void init(ActorSystem<?> system, Settings settings) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(PortfolioId.of(ctx.getEntityId()), settings))
            .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));    // the keys of plan requests go with the strategies that decide them
    PlanRequestKey.init(system, settings.clock());
  }

  public static Behavior<Command> create(PortfolioId id, Settings settings) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Strategy(ctx, timers, id, settings)));
  }

  public static PersistenceId persistenceId(PortfolioId id) {
    return PersistenceId.of(ENTITY_KEY.name(), id.value());
  }

  private static final String TIMER = "check";
  private static final String RESUME = "resume";
  // how long a failed delivery waits before it is tried again (the executions refuse nothing twice)
  private static final java.time.Duration RETRY = java.time.Duration.ofSeconds(1);

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final PortfolioId id;
  private final Settings settings;

  private Strategy(ActorContext<Command> context, TimerScheduler<Command> timers, PortfolioId id, Settings settings) {
    super(persistenceId(id));
    this.context = context;
    this.timers = timers;
    this.id = id;
    this.settings = settings;
  }

  @Override
  public State emptyState() {
    return new Unconfigured();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(settings.slices().tag(TAG, id.value()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), state -> {
      schedule(state);
      resume(state);
    }).build();
  }

  /** Screens the decisions a stop left unscreened and hands on the intents the executions have not confirmed. */
  private void resume(State state) {
    if (!(state instanceof Configured c)) {
      return;
    }
    c.unscreened().values().forEach(this::askKillSwitch);
    c.undelivered().values().forEach(this::deliver);
  }

  private void askKillSwitch(RebalanceDecided decided) {
    context.pipeToSelf(settings.killSwitch().engaged(), (engaged, failure) -> failure == null
        ? new Screen(decided, engaged, null)
        : new Screen(decided, true, rootMessage(failure)));
  }

  private void deliver(Delivery delivery) {
    context.pipeToSelf(settings.sink().submit(delivery.decisionId(), delivery.mode(), delivery.intents()),
        (ok, failure) -> new Delivered(delivery.decisionId(), failure == null ? null : rootMessage(failure)));
  }

  private ReplyEffect<Event, State> delivered(Configured state, Delivered cmd) {
    if (!state.undelivered().containsKey(cmd.decisionId())) {
      return Effect().noReply();
    }
    if (cmd.failure() != null) {
      context.getLog().warn("strategy {}: the intents of {} are not yet with the executions, tried again: {}", id, cmd.decisionId(), cmd.failure());
      timers.startSingleTimer(RESUME, new Resume(), RETRY);
      return Effect().noReply();
    }
    return persisted(new IntentsDelivered(id, cmd.decisionId(), settings.clock().instant())).thenNoReply();
  }

  private void schedule(State state) {
    timers.cancel(TIMER);
    if (state instanceof Configured c && c.config().checkInterval() != null) {
      timers.startTimerWithFixedDelay(TIMER, new Tick(), c.config().checkInterval());
    }
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(Unconfigured.class)
        .onCommand(Configure.class, this::configure)
        .onCommand(Check.class, cmd -> Effect().reply(cmd.replyTo(), notConfigured()))
        .onCommand(CheckForRun.class, cmd -> Effect().reply(cmd.replyTo(), notConfigured()))
        .onCommand(Tick.class, cmd -> Effect().noReply())
        .onCommand(InputsGathered.class, cmd -> Effect().reply(cmd.replyTo(), notConfigured()))
        .onCommand(ProposePlan.class, cmd -> Effect().reply(cmd.replyTo(), notConfigured()))
        .onCommand(ProposePlanRequest.class, cmd -> Effect().reply(cmd.replyTo(), notConfigured()))
        .onCommand(Screen.class, cmd -> Effect().noReply())
        .onCommand(Delivered.class, cmd -> Effect().noReply())
        .onCommand(Resume.class, cmd -> Effect().noReply())
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state));
    builder
        .forStateType(Configured.class)
        .onCommand(Configure.class, this::configure)
        .onCommand(Check.class, (state, cmd) -> gather(state, cmd.replyTo(), null))
        .onCommand(CheckForRun.class, this::checkForRun)
        .onCommand(Tick.class, (state, cmd) -> gather(state, context.getSystem().ignoreRef(), null))
        .onCommand(InputsGathered.class, this::decide)
        .onCommand(ProposePlan.class, (state, cmd) -> propose(state, new ProposePlanRequest(null, null, cmd.planner(), Map.of(), cmd.replyTo())))
        .onCommand(ProposePlanRequest.class, this::propose)
        .onCommand(Screen.class, this::screen)
        .onCommand(Delivered.class, this::delivered)
        .onCommand(Resume.class, (state, cmd) -> {
          resume(state);
          return Effect().noReply();
        })
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state));
    return builder.build();
  }

  private Refused notConfigured() {
    return new Refused(CommandError.NotFound.of("strategy", id.value()));
  }

  private ReplyEffect<Event, State> configure(State state, Configure cmd) {
    if (cmd.config() == null) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(0, "config", "is required")));
    }
    List<FieldError> problems = cmd.config().problems();
    if (!problems.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(problems)));
    }
    if (state instanceof Configured c && c.config().equals(cmd.config())) {
      return Effect().reply(cmd.replyTo(), new Accepted(false));
    }
    return Effect()
        .persist(new StrategyConfigured(id, cmd.config(), settings.clock().instant()))
        .thenRun(this::schedule)
        .thenReply(cmd.replyTo(), s -> new Accepted(true));
  }

  private ReplyEffect<Event, State> checkForRun(Configured state, CheckForRun cmd) {
    if (cmd.runId() == null || cmd.runId().isBlank() || cmd.runId().length() > dev.ballast.engine.model.InputLimits.MAX_JOB_RUN_ID) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(0, "runId",
          "is required, at most " + dev.ballast.engine.model.InputLimits.MAX_JOB_RUN_ID + " characters")));
    }
    String decided = state.jobRuns().get(cmd.runId());
    if (decided != null) {
      return Effect().reply(cmd.replyTo(), new AlreadyDecided(cmd.runId(), decided));
    }
    return gather(state, cmd.replyTo(), cmd.runId());
  }

  private ReplyEffect<Event, State> gather(Configured state, ActorRef<CheckResult> replyTo, String runId) {
    context.pipeToSelf(
        settings.inputs().gather(id, state.config().rebalance())
            .thenCombine(settings.policyData().gather(id, state.config()), PlanInputs::withPolicy),
        (inputs, failure) -> failure == null
            ? new InputsGathered(inputs, null, replyTo, runId)
            : new InputsGathered(null, rootMessage(failure), replyTo, runId));
    return Effect().noReply();
  }

  private static String rootMessage(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private ReplyEffect<Event, State> decide(Configured state, InputsGathered cmd) {
    if (cmd.failure() != null) {
      context.getLog().warn("strategy {}: check not made: {}", id, cmd.failure());
      return Effect().reply(cmd.replyTo(), new Refused(new CommandError.Unavailable("check of " + id + " not made: " + cmd.failure())));
    }
    if (cmd.runId() != null && state.jobRuns().containsKey(cmd.runId())) {
      // two tries of one run were gathering at once: the first decided
      return Effect().reply(cmd.replyTo(), new AlreadyDecided(cmd.runId(), state.jobRuns().get(cmd.runId())));
    }
    StrategyConfig config = state.config();
    StrategyPolicy policy = StrategyPolicy.byName(config.policy()).orElseThrow();
    String decisionId = decisionId(id, state.decisions() + 1);
    Instant now = settings.clock().instant();
    // the decision's time, the policy's settings and the previous decision's state are inputs too: journaled, so a replay sees them
    PolicyContext gathered = cmd.inputs().policy() == null ? new PolicyContext(null, null, null) : cmd.inputs().policy();
    PlanInputs inputs = cmd.inputs().withPolicy(gathered.at(now, config.policySettings(), state.policyState()));
    return journal(decisionId, policy, now, inputs, config.mode(), cmd.runId(), cmd.replyTo());
  }

  /** Decides a handed multi-account plan in the strategy's mode, once per idempotency key. */
  private ReplyEffect<Event, State> propose(Configured state, ProposePlanRequest cmd) {
    if (cmd.planner() == null) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(0, "planner", "is required")));
    }
    String key = cmd.idempotencyKey();
    if (key != null) {
      var limit = dev.ballast.engine.model.InputLimits.IDEMPOTENCY_KEY;
      if (key.length() > limit.maxLength() || !limit.form().matcher(key).matches()) {
        return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(0, "idempotencyKey",
            "at most " + limit.maxLength() + " characters, " + limit.formText())));
      }
      PlanRequest earlier = state.planRequests().get(key);
      if (earlier != null) {
        if (!earlier.requestDigest().equals(cmd.requestDigest())) {
          return Effect().reply(cmd.replyTo(), new Refused(new CommandError.Conflict("idempotency key " + key + " was used for another request"
              + " (decision " + earlier.decisionId() + "): a key names one request, send a new key for a new one")));
        }
        return Effect().reply(cmd.replyTo(), new AlreadyDecided(key, earlier.decisionId()));
      }
    }
    StrategyConfig config = state.config();
    Instant now = settings.clock().instant();
    dev.ballast.engine.planner.PlannerInputs p = cmd.planner().inputs();
    List<PlanInputs.Holding> holdings = new java.util.ArrayList<>();
    for (dev.ballast.engine.planner.PlannerInputs.AccountState a : p.accounts()) {
      holdings.add(new PlanInputs.Holding(a.account(), a.cash().currency(), a.cash().amount()));
      Map<dev.ballast.engine.model.AssetId, BigDecimal> held = new TreeMap<>();
      a.lots().forEach(l -> held.merge(l.asset(), l.quantity(), BigDecimal::add));
      held.forEach((asset, q) -> holdings.add(new PlanInputs.Holding(a.account(), asset, q)));
    }
    List<PlanInputs.PricePoint> prices = new java.util.ArrayList<>();
    // each price at its own time: a stored close of last week journaled as now would pass for fresh in the screening
    new TreeMap<>(p.prices()).forEach((asset, price) -> prices.add(new PlanInputs.PricePoint(
        dev.ballast.engine.marketdata.InstrumentId.of(asset.value(), p.baseCurrency().value()),
        new dev.ballast.engine.model.Price(price.amount(), price.currency()), cmd.pricedAt().getOrDefault(asset, now))));
    PlanInputs inputs = new PlanInputs(p.baseCurrency(), holdings, prices, cmd.planner().fx(), null, config.rebalance(), List.of(),
        new PolicyContext(now, config.policySettings(), state.policyState(), List.of(), null, cmd.planner()));
    StrategyPolicy policy = StrategyPolicy.byName(StrategyPolicy.MULTI_ACCOUNT_NAME).orElseThrow();
    String decisionId = decisionId(id, state.decisions() + 1);
    List<Event> with = key == null ? List.of() : List.of(new PlanRequestDecided(id, key, cmd.requestDigest(), decisionId, now));
    return journal(decisionId, policy, now, inputs, config.mode(), with, cmd.replyTo());
  }

  private ReplyEffect<Event, State> journal(String decisionId, StrategyPolicy policy, Instant now, PlanInputs inputs, StrategyMode mode,
      String runId, ActorRef<CheckResult> replyTo) {
    return journal(decisionId, policy, now, inputs, mode, runId == null ? List.of() : List.of(new JobRunDecided(id, runId, decisionId, now)),
        replyTo);
  }

  /** Journals the decision and {@code with} (what made it: a job's run, a keyed request) in one atomic write. */
  private ReplyEffect<Event, State> journal(String decisionId, StrategyPolicy policy, Instant now, PlanInputs inputs, StrategyMode mode,
      List<Event> with, ActorRef<CheckResult> replyTo) {
    RebalancePlan plan = policy.decide(decisionId, inputs);
    RebalanceDecided decided = new RebalanceDecided(id, decisionId, policy.name(), mode, now, inputs, plan);
    List<Event> events = new java.util.ArrayList<>();
    events.add(decided);
    events.addAll(with);
    return persisted(events)
        .thenRun(s -> {
          if (s instanceof Configured c && c.unscreened().containsKey(decisionId)) {
            askKillSwitch(decided);
          }
        })
        .thenReply(replyTo, s -> new Decided(decided));
  }

  /**
   * Screens a journaled decision's intents: the holdings and FX are the decision's own inputs, the
   * prices the latest now. A kill switch that cannot be read counts as engaged. Only what passed is
   * sent, once its screening is journaled.
   */
  private ReplyEffect<Event, State> screen(Configured state, Screen cmd) {
    RebalanceDecided decision = cmd.decision();
    if (!state.unscreened().containsKey(decision.decisionId())) {
      // screened already (a resume after a restart can ask twice)
      return Effect().noReply();
    }
    StrategyConfig config = state.config();
    Instant now = settings.clock().instant();
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Map<dev.ballast.engine.model.AccountId, Map<dev.ballast.engine.model.AssetId, BigDecimal>> available = new HashMap<>();
    for (PlanInputs.Holding h : decision.inputs().holdings()) {
      available.computeIfAbsent(h.account(), a -> new HashMap<>()).merge(h.asset(), h.quantity(), BigDecimal::add);
    }
    Map<dev.ballast.engine.model.AssetId, BigDecimal> fx = new HashMap<>();
    decision.inputs().fx().forEach(r -> fx.put(r.base(), r.rate()));
    List<TradeRule> rules = decision.inputs().config().rules();
    List<dev.ballast.engine.marketdata.InstrumentId> allowedInstruments = config.risk().allowedInstruments();
    java.util.function.BiPredicate<dev.ballast.engine.model.AccountId, dev.ballast.engine.marketdata.InstrumentId> allowed =
        (account, instrument) -> rules.stream().anyMatch(r -> r.account().equals(account) && r.instrument().equals(instrument))
            && (allowedInstruments == null || allowedInstruments.contains(instrument));
    RiskGate.Screened screened;
    if (cmd.failure() != null) {
      List<RiskRejection> all = decision.plan().intents().stream()
          .map(i -> new RiskRejection(i.intentId(), RiskCheck.KILL_SWITCH, "the kill switch could not be read: " + cmd.failure()))
          .toList();
      screened = new RiskGate.Screened(List.of(), all, state.turnoverOn(day));
    } else {
      screened = RiskGate.screen(decision.plan().intents(), new RiskGate.Context(cmd.killSwitchEngaged(), available, allowed,
          settings.prices(), fx, state.turnoverOn(day), config.risk(), decision.inputs().config().feeEstimateBps(), now));
    }
    IntentsScreened event = new IntentsScreened(id, decision.decisionId(), now, day, screened.passed(), screened.rejected(),
        screened.turnoverAfter());
    screened.rejected().forEach(r -> context.getLog().info("strategy {}: intent {} rejected by {}: {}", id, r.intentId(), r.check(), r.reason()));
    return persisted(event).thenRun(s -> {
      if (s instanceof Configured c && c.undelivered().containsKey(decision.decisionId())) {
        deliver(c.undelivered().get(decision.decisionId()));
      }
    }).thenNoReply();
  }

  /** Persists the event; once journaled it is published. */
  private org.apache.pekko.persistence.typed.javadsl.EffectBuilder<Event, State> persisted(Event event) {
    return persisted(List.of(event));
  }

  /** Persists the events in one atomic write; once journaled each is published. */
  private org.apache.pekko.persistence.typed.javadsl.EffectBuilder<Event, State> persisted(List<Event> events) {
    return Effect().persist(events).thenRun(s -> {
      for (Event event : events) {
        try {
          settings.published().accept(event);
        } catch (RuntimeException failure) {
          // a live update is a courtesy: the decision stands without it
          context.getLog().warn("strategy {}: {} not published: {}", id, event.getClass().getSimpleName(), failure.toString());
        }
      }
    });
  }

  private static final EventHandler<State, Event> EVENT_HANDLER = buildEventHandler();

  private static EventHandler<State, Event> buildEventHandler() {
    EventHandlerBuilder<State, Event> builder = EventHandlerBuilder.builder();
    builder
        .forStateType(Unconfigured.class)
        .onEvent(StrategyConfigured.class, (state, e) -> new Configured(e.portfolioId(), e.config(), 0, null, null, null, null, Map.of(), Map.of(), PolicyState.NONE));
    builder
        .forStateType(Configured.class)
        .onEvent(StrategyConfigured.class, (state, e) -> state.configured(e.config()))
        .onEvent(RebalanceDecided.class, (state, e) -> state.decided(e))
        .onEvent(IntentsScreened.class, (state, e) -> state.screened(e))
        .onEvent(IntentsDelivered.class, (state, e) -> state.delivered(e))
        .onEvent(JobRunDecided.class, (state, e) -> state.ranJob(e))
        .onEvent(PlanRequestDecided.class, (state, e) -> state.requested(e));
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
