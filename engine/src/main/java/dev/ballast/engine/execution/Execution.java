package dev.ballast.engine.execution;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.serialization.JsonSerializable;
import dev.ballast.engine.strategy.OrderIntent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;
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
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandlerBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The orders of one account (entity id: the account id) and their lifecycle as events. An intent
 * becomes an order under the client order id derived from its intent id, so an intent sent twice
 * (a restart, a repeated decision) never makes a second order. After a restart the open orders are
 * looked up at the venue before anything new is sent. Fills are polled from the venue and recorded
 * in the account's ledger (source {@code execution}, external id the fill id), each with its
 * intended price and its slippage.
 */
public final class Execution extends EventSourcedBehaviorWithEnforcedReplies<Execution.Command, Execution.Event, Execution.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "Execution");
  public static final String TAG = "execution";
  public static final String LEDGER_SOURCE = "execution";

  /**
   * What the entity needs: time, the venue of each account, the ledger, how often it asks for fills,
   * and who hears of each event once it is journaled (with the state after it: live updates).
   */
  public record Settings(Clock clock, Function<AccountId, VenueGateway> venues, LedgerPort ledger, Duration pollInterval, int snapshotEvery,
      Slices slices, BiConsumer<Event, State> published) {

    /** Settings with nobody listening. */
    public Settings(Clock clock, Function<AccountId, VenueGateway> venues, LedgerPort ledger, Duration pollInterval, int snapshotEvery,
        Slices slices) {
      this(clock, venues, ledger, pollInterval, snapshotEvery, slices, (event, state) -> {});
    }
  }

  // ---- commands ---------------------------------------------------------------------------

  public sealed interface Command extends JsonSerializable {}

  /** Places an order for each intent not yet seen; a repeat of an intent is acknowledged as a duplicate. */
  public record SubmitIntents(String decisionId, List<OrderIntent> intents, ActorRef<Ack> replyTo) implements Command {}

  /** Cancels every open order (the kill switch). */
  public record CancelAll(String reason, ActorRef<Ack> replyTo) implements Command {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  private record Reconciled(Map<String, Optional<Order>> reports, String failure) implements Command {}

  private record SubmitDone(ClientOrderId id, Order order, VenueError error, String failure) implements Command {}

  private record CancelDone(ClientOrderId id, Order order, String failure) implements Command {}

  private record Poll() implements Command {}

  private record FillsPolled(List<Fill> fills, String failure) implements Command {}

  private record LedgerDone(String fillId, String failure) implements Command {}

  /** {@code accepted} new orders, {@code duplicates} intents already seen. */
  public record Ack(int accepted, int duplicates) implements JsonSerializable {}

  // ---- events -----------------------------------------------------------------------------

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = OrderAccepted.class, name = "OrderAccepted"),
    @JsonSubTypes.Type(value = OrderSubmitted.class, name = "OrderSubmitted"),
    @JsonSubTypes.Type(value = OrderPartiallyFilled.class, name = "OrderPartiallyFilled"),
    @JsonSubTypes.Type(value = OrderFilled.class, name = "OrderFilled"),
    @JsonSubTypes.Type(value = OrderCancelled.class, name = "OrderCancelled"),
    @JsonSubTypes.Type(value = OrderRejected.class, name = "OrderRejected"),
    @JsonSubTypes.Type(value = OrderFailed.class, name = "OrderFailed"),
    @JsonSubTypes.Type(value = FillRecorded.class, name = "FillRecorded")
  })
  public sealed interface Event extends JsonSerializable {
    AccountId accountId();
  }

  public record OrderAccepted(AccountId accountId, String intentId, String decisionId, OrderRequest request, Price intendedPrice, Instant at)
      implements Event {}

  public record OrderSubmitted(AccountId accountId, ClientOrderId orderId, VenueOrderId venueOrderId, Instant at) implements Event {}

  /** A fill that leaves part of the order open; {@code slippageBps} is positive when the fill was worse than intended. */
  public record OrderPartiallyFilled(AccountId accountId, ClientOrderId orderId, Fill fill, Price intendedPrice, BigDecimal slippageBps)
      implements Event {}

  public record OrderFilled(AccountId accountId, ClientOrderId orderId, Fill fill, Price intendedPrice, BigDecimal slippageBps) implements Event {}

  public record OrderCancelled(AccountId accountId, ClientOrderId orderId, String reason, Instant at) implements Event {}

  public record OrderRejected(AccountId accountId, ClientOrderId orderId, String reason, Instant at) implements Event {}

  /** The venue could not be asked and the outcome is known: nothing was placed. */
  public record OrderFailed(AccountId accountId, ClientOrderId orderId, String reason, Instant at) implements Event {}

  /** The fill's transaction is in the account's ledger. */
  public record FillRecorded(AccountId accountId, String fillId, Instant at) implements Event {}

  // ---- state ------------------------------------------------------------------------------

  public enum Status {
    ACCEPTED, SUBMITTED, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED, FAILED;

    public boolean isOpen() {
      return this == ACCEPTED || this == SUBMITTED || this == PARTIALLY_FILLED;
    }
  }

  /** One order as the events made it. */
  public record OrderRecord(
      String intentId, String decisionId, OrderRequest request, Price intendedPrice, Status status, VenueOrderId venueOrderId,
      BigDecimal filled, List<String> fillIds, Instant acceptedAt, String reason) implements JsonSerializable {

    public OrderRecord {
      fillIds = List.copyOf(fillIds);
    }

    OrderRecord with(Status next, VenueOrderId venue, BigDecimal nowFilled, List<String> fills, String why) {
      return new OrderRecord(intentId, decisionId, request, intendedPrice, next, venue, nowFilled, fills, acceptedAt, why);
    }

    OrderRecord filledBy(Fill fill, boolean complete) {
      List<String> ids = new ArrayList<>(fillIds);
      ids.add(fill.id().value());
      return with(complete ? Status.FILLED : Status.PARTIALLY_FILLED, venueOrderId, filled.add(fill.quantity().value()), ids, reason);
    }
  }

  /**
   * @param orders by client order id
   * @param unrecorded fills journaled here whose ledger transaction is not yet confirmed, by fill id
   */
  public record State(Map<String, OrderRecord> orders, Map<String, Fill> unrecorded) implements JsonSerializable {
    public State {
      orders = Collections.unmodifiableMap(new TreeMap<>(orders));
      unrecorded = Collections.unmodifiableMap(new TreeMap<>(unrecorded));
    }

    public static State empty() {
      return new State(Map.of(), Map.of());
    }

    public List<OrderRecord> open() {
      return orders.values().stream().filter(o -> o.status().isOpen()).toList();
    }

    State put(OrderRecord record) {
      Map<String, OrderRecord> next = new TreeMap<>(orders);
      next.put(record.request().id().value(), record);
      return new State(next, unrecorded);
    }

    State filled(ClientOrderId id, Fill fill, boolean complete) {
      State next = put(orders.get(id.value()).filledBy(fill, complete));
      Map<String, Fill> pending = new TreeMap<>(unrecorded);
      pending.put(fill.id().value(), fill);
      return new State(next.orders, pending);
    }

    State recorded(String fillId) {
      Map<String, Fill> pending = new TreeMap<>(unrecorded);
      pending.remove(fillId);
      return new State(orders, pending);
    }

    OrderRecord order(ClientOrderId id) {
      return orders.get(id.value());
    }
  }

  // ---- entry points -----------------------------------------------------------------------

  /** Registers the entity type; executions are not passivated, as they poll their venue while orders are open. */
  public static void init(ActorSystem<?> system, Settings settings) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(AccountId.of(ctx.getEntityId()), settings))
        .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
  }

  public static Behavior<Command> create(AccountId account, Settings settings) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Execution(ctx, timers, account, settings)));
  }

  public static PersistenceId persistenceId(AccountId account) {
    return PersistenceId.of(ENTITY_KEY.name(), account.value());
  }

  private static final String POLL = "poll";

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final AccountId account;
  private final Settings settings;
  private final VenueGateway venue;
  // until the open orders are reconciled after a start, new intents and cancels wait
  private boolean reconciling = true;
  private boolean polling;
  private boolean reconcileAsked;
  private final Set<String> ledgerInFlight = new HashSet<>();
  private final List<Command> held = new ArrayList<>();

  private Execution(ActorContext<Command> context, TimerScheduler<Command> timers, AccountId account, Settings settings) {
    super(persistenceId(account));
    this.context = context;
    this.timers = timers;
    this.account = account;
    this.settings = settings;
    this.venue = settings.venues().apply(account);
  }

  @Override
  public State emptyState() {
    return State.empty();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(settings.slices().tag(TAG, account.value()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::reconcile).build();
  }

  private void reconcile(State state) {
    reconcileAsked = true;
    List<OrderRecord> open = state.open();
    List<CompletableFuture<Map.Entry<String, Optional<Order>>>> lookups = new ArrayList<>();
    for (OrderRecord o : open) {
      lookups.add(venue.order(o.request().instrument(), o.request().id()).toCompletableFuture()
          .thenApply(r -> Map.entry(o.request().id().value(), r)));
    }
    CompletableFuture<Map<String, Optional<Order>>> all = CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
        .thenApply(done -> {
          Map<String, Optional<Order>> reports = new TreeMap<>();
          lookups.forEach(l -> reports.put(l.join().getKey(), l.join().getValue()));
          return reports;
        });
    context.pipeToSelf(all, (reports, failure) -> new Reconciled(reports, failure == null ? null : message(failure)));
    timers.startTimerWithFixedDelay(POLL, new Poll(), settings.pollInterval());
  }

  private static String message(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && (c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException)) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
    builder.forAnyState()
        .onCommand(SubmitIntents.class, (state, cmd) -> reconciling ? hold(cmd) : submit(state, cmd))
        .onCommand(CancelAll.class, (state, cmd) -> reconciling ? hold(cmd) : cancelAll(state, cmd))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .onCommand(Reconciled.class, this::reconciled)
        .onCommand(SubmitDone.class, this::submitted)
        .onCommand(CancelDone.class, this::cancelled)
        .onCommand(Poll.class, this::poll)
        .onCommand(FillsPolled.class, this::fills)
        .onCommand(LedgerDone.class, this::ledgerDone);
    return builder.build();
  }

  private ReplyEffect<Event, State> reconciled(State state, Reconciled cmd) {
    reconcileAsked = false;
    if (!reconciling) {
      return Effect().noReply();
    }
    if (cmd.failure() != null) {
      // nothing new may go out before the venue has answered: ask again
      context.getLog().warn("execution {}: reconciliation with {} failed, retrying: {}", account, venue.venue(), cmd.failure());
      // the next Poll, with reconciling still set, asks the venue again
      return Effect().noReply();
    }
    List<Event> events = new ArrayList<>();
    List<OrderRecord> toSend = new ArrayList<>();
    Instant now = settings.clock().instant();
    for (OrderRecord o : state.open()) {
      Optional<Order> report = cmd.reports().getOrDefault(o.request().id().value(), Optional.empty());
      if (report.isEmpty()) {
        if (o.status() == Status.ACCEPTED) {
          toSend.add(o);
        } else {
          events.add(new OrderFailed(account, o.request().id(), "the venue has no such order after a restart", now));
        }
        continue;
      }
      Order r = report.get();
      if (o.status() == Status.ACCEPTED) {
        events.add(new OrderSubmitted(account, o.request().id(), r.venueOrderId(), now));
      }
      if (r.status() == OrderStatus.CANCELLED || r.status() == OrderStatus.EXPIRED) {
        if (r.filledQuantity().signum() == 0) {
          events.add(new OrderCancelled(account, o.request().id(), "the venue reports it " + r.status(), now));
        }
      } else if (r.status() == OrderStatus.REJECTED) {
        events.add(new OrderRejected(account, o.request().id(), "the venue reports it rejected", now));
      }
    }
    return persisted(events).thenRun(s -> {
      reconciling = false;
      toSend.forEach(this::send);
      resendUnrecorded(s);
      List<Command> waiting = List.copyOf(held);
      held.clear();
      waiting.forEach(c -> context.getSelf().tell(c));
    }).thenNoReply();
  }

  /** Keeps a command that must wait for the reconciliation; it is sent again once that is done. */
  private ReplyEffect<Event, State> hold(Command cmd) {
    held.add(cmd);
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> submit(State state, SubmitIntents cmd) {
    List<Event> events = new ArrayList<>();
    int duplicates = 0;
    Instant now = settings.clock().instant();
    Set<String> seen = new HashSet<>();
    for (OrderIntent intent : cmd.intents()) {
      ClientOrderId id = intent.clientOrderId();
      if (!intent.account().equals(account) || state.order(id) != null || !seen.add(id.value())) {
        duplicates++;
        continue;
      }
      OrderRequest request = OrderRequest.market(id, intent.instrument(), intent.side(), intent.quantity());
      events.add(new OrderAccepted(account, intent.intentId(), cmd.decisionId(), request, intent.referencePrice(), now));
    }
    int accepted = events.size();
    int dup = duplicates;
    return persisted(events).thenRun(s -> {
      for (Event e : events) {
        send(s.order(((OrderAccepted) e).request().id()));
      }
    }).thenReply(cmd.replyTo(), s -> new Ack(accepted, dup));
  }

  private void send(OrderRecord order) {
    ClientOrderId id = order.request().id();
    context.pipeToSelf(venue.submit(order.request()), (report, failure) -> {
      if (failure == null) {
        return new SubmitDone(id, report, null, null);
      }
      Throwable c = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      return c instanceof VenueGatewayException v ? new SubmitDone(id, null, v.error(), null) : new SubmitDone(id, null, null, message(c));
    });
  }

  private ReplyEffect<Event, State> submitted(State state, SubmitDone cmd) {
    OrderRecord o = state.order(cmd.id());
    Instant now = settings.clock().instant();
    if (o == null || o.status() != Status.ACCEPTED) {
      return Effect().noReply();
    }
    if (cmd.order() != null) {
      return persisted(new OrderSubmitted(account, cmd.id(), cmd.order().venueOrderId(), now)).thenNoReply();
    }
    VenueError error = cmd.error();
    if (error instanceof VenueError.DuplicateOrder || error instanceof VenueError.Unavailable u && u.maybeReceived() || error == null) {
      // the venue may have it: look it up by its client id, never send blind
      context.pipeToSelf(venue.order(o.request().instrument(), cmd.id()), (report, failure) -> failure == null && report.isPresent()
          ? new SubmitDone(cmd.id(), report.get(), null, null)
          : new SubmitDone(cmd.id(), null, new VenueError.Unavailable("the order could not be found after an unknown outcome", false), null));
      return Effect().noReply();
    }
    if (error instanceof VenueError.Rejected || error instanceof VenueError.InsufficientFunds) {
      return persisted(new OrderRejected(account, cmd.id(), error.message(), now)).thenNoReply();
    }
    return persisted(new OrderFailed(account, cmd.id(), error.message(), now)).thenNoReply();
  }

  private ReplyEffect<Event, State> cancelAll(State state, CancelAll cmd) {
    List<Event> events = new ArrayList<>();
    int asked = 0;
    Instant now = settings.clock().instant();
    for (OrderRecord o : state.open()) {
      ClientOrderId id = o.request().id();
      asked++;
      if (o.status() == Status.ACCEPTED) {
        // not answered by the venue yet: cancel there too, in case it arrives
        events.add(new OrderCancelled(account, id, cmd.reason(), now));
      }
      context.pipeToSelf(venue.cancel(o.request().instrument(), id), (report, failure) ->
          new CancelDone(id, report, failure == null ? null : message(failure)));
    }
    int n = asked;
    return persisted(events).thenReply(cmd.replyTo(), s -> new Ack(n, 0));
  }

  private ReplyEffect<Event, State> cancelled(State state, CancelDone cmd) {
    OrderRecord o = state.order(cmd.id());
    if (o == null || !o.status().isOpen() || cmd.order() == null || cmd.order().status() != OrderStatus.CANCELLED) {
      return Effect().noReply();
    }
    return persisted(new OrderCancelled(account, cmd.id(), "cancelled at the venue", settings.clock().instant())).thenNoReply();
  }

  private ReplyEffect<Event, State> poll(State state, Poll cmd) {
    if (reconciling) {
      if (!reconcileAsked) {
        reconcile(state);
      }
      return Effect().noReply();
    }
    resendUnrecorded(state);
    List<OrderRecord> open = state.orders().values().stream()
        .filter(o -> o.status() == Status.SUBMITTED || o.status() == Status.PARTIALLY_FILLED
            || o.status() == Status.CANCELLED && o.filled().compareTo(BigDecimal.ZERO) >= 0 && o.venueOrderId() != null)
        .toList();
    if (polling || open.stream().noneMatch(o -> o.status().isOpen())) {
      return Effect().noReply();
    }
    Set<dev.ballast.engine.marketdata.InstrumentId> instruments = new HashSet<>();
    Instant since = Instant.MAX;
    for (OrderRecord o : open) {
      instruments.add(o.request().instrument());
      since = o.acceptedAt().isBefore(since) ? o.acceptedAt() : since;
    }
    polling = true;
    context.pipeToSelf(venue.fillsSince(instruments, since), (fills, failure) -> new FillsPolled(fills, failure == null ? null : message(failure)));
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> fills(State state, FillsPolled cmd) {
    polling = false;
    if (cmd.failure() != null) {
      context.getLog().warn("execution {}: fills could not be read from {}: {}", account, venue.venue(), cmd.failure());
      return Effect().noReply();
    }
    List<Event> events = new ArrayList<>();
    Map<String, BigDecimal> filled = new TreeMap<>();
    Set<String> known = new HashSet<>();
    state.orders().values().forEach(o -> {
      filled.put(o.request().id().value(), o.filled());
      known.addAll(o.fillIds());
    });
    for (Fill fill : cmd.fills()) {
      OrderRecord o = state.order(fill.orderId());
      if (o == null || known.contains(fill.id().value()) || o.status() == Status.FILLED) {
        continue;
      }
      known.add(fill.id().value());
      BigDecimal after = filled.merge(fill.orderId().value(), fill.quantity().value(), BigDecimal::add);
      BigDecimal slippage = slippageBps(o, fill);
      events.add(after.compareTo(o.request().quantity().value()) >= 0
          ? new OrderFilled(account, fill.orderId(), fill, o.intendedPrice(), slippage)
          : new OrderPartiallyFilled(account, fill.orderId(), fill, o.intendedPrice(), slippage));
    }
    if (events.isEmpty()) {
      return Effect().noReply();
    }
    return persisted(events).thenRun(this::resendUnrecorded).thenNoReply();
  }

  private static BigDecimal slippageBps(OrderRecord o, Fill fill) {
    BigDecimal intended = o.intendedPrice().value();
    BigDecimal worse = o.request().side() == Side.BUY ? fill.price().value().subtract(intended) : intended.subtract(fill.price().value());
    return worse.multiply(BigDecimal.valueOf(10_000)).divide(intended, MathContext.DECIMAL128).setScale(4, RoundingMode.HALF_EVEN);
  }

  private void resendUnrecorded(State state) {
    for (Fill fill : state.unrecorded().values()) {
      if (!ledgerInFlight.add(fill.id().value())) {
        continue;
      }
      OrderRecord o = state.order(fill.orderId());
      CompletionStage<Void> done = settings.ledger().record(account, transaction(fill, o));
      context.pipeToSelf(done, (ok, failure) -> new LedgerDone(fill.id().value(), failure == null ? null : message(failure)));
    }
  }

  /** The ledger transaction of a fill: a BUY or SELL at the fill's price, its fee, and the intended price in the note. */
  public static Transaction transaction(Fill fill, OrderRecord order) {
    return Transaction.builder(fill.side() == Side.BUY ? TransactionType.BUY : TransactionType.SELL)
        .at(fill.time())
        .asset(fill.instrument().base())
        .quantity(fill.quantity())
        .price(fill.price())
        .fee(fill.fee())
        .ref(LEDGER_SOURCE, fill.id().value())
        .note("order " + fill.orderId() + " of intent " + (order == null ? "?" : order.intentId()) + "; intended "
            + (order == null ? "?" : order.intendedPrice()) + ", filled " + fill.price())
        .build();
  }

  private ReplyEffect<Event, State> ledgerDone(State state, LedgerDone cmd) {
    ledgerInFlight.remove(cmd.fillId());
    if (cmd.failure() != null) {
      context.getLog().warn("execution {}: fill {} not yet in the ledger, retried at the next poll: {}", account, cmd.fillId(), cmd.failure());
      return Effect().noReply();
    }
    if (!state.unrecorded().containsKey(cmd.fillId())) {
      return Effect().noReply();
    }
    return persisted(new FillRecorded(account, cmd.fillId(), settings.clock().instant())).thenNoReply();
  }

  private EffectBuilder<Event, State> persisted(Event event) {
    return persisted(List.of(event));
  }

  /** Persists the events; once journaled, each is published with the state after all of them. */
  private EffectBuilder<Event, State> persisted(List<Event> events) {
    return Effect().persist(events).thenRun(s -> {
      for (Event e : events) {
        try {
          settings.published().accept(e, s);
        } catch (RuntimeException failure) {
          // a live update is a courtesy: the order goes on without it
          context.getLog().warn("execution {}: {} not published: {}", account, e.getClass().getSimpleName(), failure.toString());
        }
      }
    });
  }

  private static final EventHandler<State, Event> EVENT_HANDLER = buildEventHandler();

  private static EventHandler<State, Event> buildEventHandler() {
    EventHandlerBuilder<State, Event> builder = EventHandlerBuilder.builder();
    builder.forAnyState()
        .onEvent(OrderAccepted.class, (s, e) -> s.put(new OrderRecord(e.intentId(), e.decisionId(), e.request(), e.intendedPrice(),
            Status.ACCEPTED, null, BigDecimal.ZERO, List.of(), e.at(), null)))
        .onEvent(OrderSubmitted.class, (s, e) -> {
          OrderRecord o = s.order(e.orderId());
          return s.put(o.with(o.status() == Status.ACCEPTED ? Status.SUBMITTED : o.status(), e.venueOrderId(), o.filled(), o.fillIds(), o.reason()));
        })
        .onEvent(OrderPartiallyFilled.class, (s, e) -> s.filled(e.orderId(), e.fill(), false))
        .onEvent(OrderFilled.class, (s, e) -> s.filled(e.orderId(), e.fill(), true))
        .onEvent(OrderCancelled.class, (s, e) -> closed(s, e.orderId(), Status.CANCELLED, e.reason()))
        .onEvent(OrderRejected.class, (s, e) -> closed(s, e.orderId(), Status.REJECTED, e.reason()))
        .onEvent(OrderFailed.class, (s, e) -> closed(s, e.orderId(), Status.FAILED, e.reason()))
        .onEvent(FillRecorded.class, (s, e) -> s.recorded(e.fillId()));
    return builder.build();
  }

  private static State closed(State s, ClientOrderId id, Status status, String reason) {
    OrderRecord o = s.order(id);
    return o.status().isOpen() ? s.put(o.with(status, o.venueOrderId(), o.filled(), o.fillIds(), reason)) : s;
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return EVENT_HANDLER;
  }

  public static State applyEvent(State state, Event event) {
    return EVENT_HANDLER.apply(state, event);
  }
}
