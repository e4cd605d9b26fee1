package dev.ballast.api.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.execution.JdbcVenueBook;
import dev.ballast.persistence.journal.JournalScan;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.ballast.engine.execution.Execution;
import dev.ballast.engine.execution.ShardedLedger;
import dev.ballast.engine.execution.SimulatedVenue;
import dev.ballast.engine.execution.VenueGateway;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.FxRateProvider;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.risk.KillSwitch;
import dev.ballast.engine.strategy.IntentSink;
import dev.ballast.engine.strategy.LatestPrices;
import dev.ballast.engine.strategy.OrderIntent;
import dev.ballast.engine.strategy.ShardedStrategyInputs;
import dev.ballast.engine.strategy.Strategy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The trading pipeline on one node: strategies, the kill switch, the executions on the simulated
 * venue (paper mode; live venues are not wired yet), and the latest quotes they all read. The
 * price feeds push quotes in through {@link #onQuote}. Each account's simulated venue keeps its book
 * in the database, and every strategy and execution with events is started at once, so a restart
 * takes up where the stop left: open orders reconciled, undelivered intents sent, check timers on.
 */
public final class TradingSetup implements LatestPrices {
  private static final Logger LOG = LoggerFactory.getLogger(TradingSetup.class);
  private final Map<InstrumentId, Quote> latest = new ConcurrentHashMap<>();
  private final Map<AccountId, SimulatedVenue> venues = new ConcurrentHashMap<>();
  private final SimulatedVenue.Settings venueSettings;
  private final Clock clock;
  private final Database database;
  private final ObjectMapper json;
  private volatile boolean stopped;
  private final TradingFx fx;
  // the WebSocket hub starts after the pipeline: until it is attached, nobody is listening
  private volatile dev.ballast.api.ws.LivePublisher live;

  private TradingSetup(SimulatedVenue.Settings venueSettings, Clock clock, Database database, ObjectMapper json, TradingFx fx) {
    this.fx = fx;
    this.venueSettings = venueSettings;
    this.clock = clock;
    this.database = database;
    this.json = json;
  }

  /** @param configuredFx the rates of {@code ballast.trading.fx}, used where the price store has none ({@link #useStoredFx}) */
  public static TradingSetup start(ActorSystem<?> system, Config config, Clock clock, Slices slices, FxRateProvider configuredFx,
      Database database, ObjectMapper json) {
    TradingFx fx = new TradingFx(configuredFx);
    Config t = config.getConfig("ballast.trading");
    SimulatedVenue.Settings paper = new SimulatedVenue.Settings("paper", new BigDecimal(t.getString("paper.fee-bps")),
        new BigDecimal(t.getString("paper.slippage-bps")), t.getDuration("paper.latency"), new BigDecimal(t.getString("paper.fill-fraction")),
        new BigDecimal(t.getString("paper.lot-step")));
    TradingSetup setup = new TradingSetup(paper, clock, database, json, fx);
    // before the entities stop and the database closes: an order still on its way by the latency must not reach a book a new start reads
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "trading-venues", () -> {
      setup.closeVenues();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    ClusterSharding sharding = ClusterSharding.get(system);
    Duration timeout = t.getDuration("ask-timeout");
    Execution.init(system, new Execution.Settings(clock, setup::venue, new ShardedLedger(sharding, timeout), t.getDuration("poll-interval"),
        t.getInt("snapshot-every"), slices, setup::executionEvent));
    // engaged: every account with orders cancels them (the executions are addressed by the accounts that traded)
    KillSwitch.init(system, clock, engaged -> {
      setup.venues.keySet().forEach(account -> sharding.entityRefFor(Execution.ENTITY_KEY, account.value())
          .tell(new Execution.CancelAll("kill switch: " + engaged.reason(), system.ignoreRef())));
      setup.alert(dev.ballast.engine.ops.alerts.AlertType.EMERGENCY_STOP, "kill-switch",
          "trading stopped by " + engaged.by() + ": " + engaged.reason());
    });
    IntentSink sink = (decisionId, mode, intents) -> {
      Map<AccountId, List<OrderIntent>> byAccount = intents.stream().collect(Collectors.groupingBy(OrderIntent::account));
      List<CompletableFuture<Execution.Ack>> acks = new java.util.ArrayList<>();
      byAccount.forEach((account, list) -> {
        setup.venue(account);
        acks.add(sharding.entityRefFor(Execution.ENTITY_KEY, account.value())
            .<Execution.Ack>ask(reply -> new Execution.SubmitIntents(decisionId, list, reply), timeout).toCompletableFuture());
      });
      return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    };
    Strategy.KillSwitchView killSwitch = () -> sharding.entityRefFor(KillSwitch.ENTITY_KEY, KillSwitch.ID)
        .<KillSwitch.State>ask(KillSwitch.Get::new, timeout).thenApply(KillSwitch.State::engaged);
    Strategy.init(system, new Strategy.Settings(clock, new ShardedStrategyInputs(sharding, timeout, setup, fx, clock), sink, setup,
        killSwitch, t.getInt("snapshot-every"), slices, setup::strategyEvent,
        new StrategyMarketData(new dev.ballast.persistence.marketdata.PriceStore(database), sharding, timeout, clock,
            system.dispatchers().lookup(org.apache.pekko.actor.typed.DispatcherSelector.blocking()))));
    setup.wake(system, sharding, database);
    return setup;
  }

  /**
   * Starts every execution and strategy that has events: an execution reconciles its open orders
   * and records their fills, a strategy screens and sends what a stop interrupted and runs its timer.
   * Entities start when first addressed, and nothing else would address them after a restart.
   */
  private void wake(ActorSystem<?> system, ClusterSharding sharding, Database database) {
    JournalScan journal = JournalScan.of(system, database);
    List<String> executions = entityIds(journal, Execution.ENTITY_KEY.name());
    List<String> strategies = entityIds(journal, Strategy.ENTITY_KEY.name());
    executions.forEach(id -> {
      venue(AccountId.of(id));
      sharding.entityRefFor(Execution.ENTITY_KEY, id).tell(new Execution.Get(system.ignoreRef()));
    });
    strategies.forEach(id -> sharding.entityRefFor(Strategy.ENTITY_KEY, id).tell(new Strategy.Get(system.ignoreRef())));
    if (!executions.isEmpty() || !strategies.isEmpty()) {
      LOG.info("trading: started {} executions and {} strategies from the journal", executions.size(), strategies.size());
    }
  }

  private static List<String> entityIds(JournalScan journal, String entityType) {
    String prefix = entityType + "|";
    return journal.persistenceIds(entityType).stream().filter(p -> p.startsWith(prefix)).map(p -> p.substring(prefix.length())).toList();
  }

  /**
   * From now on a decision takes its FX from the market data's stored rates (as of the day, through
   * USD, at most 7 days old as the valuation takes them), and from {@code ballast.trading.fx} only
   * where none is stored.
   */
  public void useStoredFx(dev.ballast.engine.marketdata.DatedRates stored) {
    fx.useStored(new dev.ballast.engine.marketdata.AsOfRates(stored, dev.ballast.engine.model.AssetId.of("USD"), java.time.Period.ofDays(7)));
  }

  private volatile dev.ballast.engine.ops.alerts.AlertSink alerts;

  /** Raises alerts for a kill switch engaged and an order rejected or failed (issue 14) from now on. */
  public void alertTo(dev.ballast.engine.ops.alerts.AlertSink sink) {
    this.alerts = sink;
  }

  // off the entity's thread: raising writes to the database
  private void alert(dev.ballast.engine.ops.alerts.AlertType type, String subject, String message) {
    dev.ballast.engine.ops.alerts.AlertSink to = alerts;
    if (to != null) {
      CompletableFuture.runAsync(() -> to.raise(type, subject, message));
    }
  }

  /** Publishes orders, fills and decisions to these live updates from now on ({@code /ws} topics orders and decisions). */
  public void publishTo(dev.ballast.api.ws.LivePublisher publisher) {
    this.live = publisher;
  }

  /**
   * An execution's event on the {@code orders} topic, keyed by the account: the event, and the order
   * as it stands after it (a fill is an OrderPartiallyFilled or OrderFilled with its fill).
   */
  private void executionEvent(Execution.Event event, Execution.State state) {
    if (event instanceof Execution.OrderRejected r) {
      alert(dev.ballast.engine.ops.alerts.AlertType.TRADE_FAILED, "account " + r.accountId().value(),
          "order " + r.orderId().value() + " rejected: " + r.reason());
    } else if (event instanceof Execution.OrderFailed f) {
      alert(dev.ballast.engine.ops.alerts.AlertType.TRADE_FAILED, "account " + f.accountId().value(),
          "order " + f.orderId().value() + " failed: " + f.reason());
    }
    dev.ballast.api.ws.LivePublisher to = live;
    if (to == null) {
      return;
    }
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("event", event.getClass().getSimpleName());
    data.put("account", event.accountId().value());
    data.put("data", event);
    String orderId = orderIdOf(event);
    if (event instanceof Execution.FillRecorded r) {
      // the order the fill belongs to, so that the latest update of an account (what a slow client keeps) still shows it
      orderId = state.orders().values().stream().filter(o -> o.fillIds().contains(r.fillId())).map(o -> o.request().id().value())
          .findFirst().orElse(null);
    }
    if (orderId != null && state.orders().containsKey(orderId)) {
      data.put("order", state.orders().get(orderId));
    }
    to.publish("orders", event.accountId().value(), data);
  }

  private static String orderIdOf(Execution.Event event) {
    if (event instanceof Execution.OrderAccepted e) {
      return e.request().id().value();
    } else if (event instanceof Execution.OrderSubmitted e) {
      return e.orderId().value();
    } else if (event instanceof Execution.OrderPartiallyFilled e) {
      return e.orderId().value();
    } else if (event instanceof Execution.OrderFilled e) {
      return e.orderId().value();
    } else if (event instanceof Execution.OrderCancelled e) {
      return e.orderId().value();
    } else if (event instanceof Execution.OrderRejected e) {
      return e.orderId().value();
    } else if (event instanceof Execution.OrderFailed e) {
      return e.orderId().value();
    }
    return null; // FillRecorded names the fill only
  }

  /** A strategy's decision, screening or delivery on the {@code decisions} topic, keyed by the portfolio. */
  private void strategyEvent(Strategy.Event event) {
    if (event instanceof Strategy.RebalanceDecided d && d.plan().outsideBand()) {
      driftAlert(d);
    }
    dev.ballast.api.ws.LivePublisher to = live;
    if (to == null || event instanceof Strategy.StrategyConfigured) {
      return;
    }
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("event", event.getClass().getSimpleName());
    data.put("portfolio", event.portfolioId().value());
    data.put("data", event);
    to.publish("decisions", event.portfolioId().value(), data);
  }

  /**
   * A decision that found weights outside their band: REBALANCE_NEEDED when it planned trades, DRIFT
   * when it planned none (dry run, trades below the minimum, a price missing), so the owner hears of
   * a portfolio that stays out of balance. Repeats group into the open alert.
   */
  private void driftAlert(Strategy.RebalanceDecided d) {
    String outside = d.plan().drift().stream().filter(dev.ballast.engine.strategy.RebalancePlan.Drift::outsideBand)
        .map(x -> x.asset().value() + " " + x.weightPercent().stripTrailingZeros().toPlainString() + "% (target "
            + x.targetPercent().stripTrailingZeros().toPlainString() + "%)")
        .collect(Collectors.joining(", "));
    int trades = d.plan().intents().size();
    if (trades > 0) {
      alert(dev.ballast.engine.ops.alerts.AlertType.REBALANCE_NEEDED, "portfolio " + d.portfolioId().value(),
          "decision " + d.decisionId() + ": outside the band " + outside + "; " + trades + " trade(s) planned in " + d.mode() + " mode");
    } else {
      alert(dev.ballast.engine.ops.alerts.AlertType.DRIFT, "portfolio " + d.portfolioId().value(),
          "decision " + d.decisionId() + ": outside the band " + outside + " and no trade planned"
              + (d.plan().problems().isEmpty() ? "" : ": " + String.join("; ", d.plan().problems())));
    }
  }

  private void closeVenues() {
    stopped = true;
    venues.values().forEach(SimulatedVenue::close);
  }

  /** The name of the venue an account's orders go to (the read side keeps it with each order and fill). */
  public String venueName(AccountId account) {
    return venueSettings.venue();
  }

  /** The simulated venue of an account (one per account, so that each keeps its own orders). */
  public VenueGateway venue(AccountId account) {
    return venues.computeIfAbsent(account, a -> {
      // a venue opened after quotes arrived starts from the latest of each, as a real book would show them
      SimulatedVenue venue = new SimulatedVenue(venueSettings, clock, new JdbcVenueBook(database, json, venueSettings.venue(), a));
      if (stopped) {
        venue.close();
      }
      latest.values().forEach(venue::onQuote);
      return venue;
    });
  }

  /** A new quote from a feed: the latest price, and the simulated venues fill against it. */
  public void onQuote(Quote quote) {
    latest.put(quote.instrument(), quote);
    venues.values().forEach(v -> v.onQuote(quote));
  }

  @Override
  public Optional<Quote> latest(InstrumentId instrument) {
    return Optional.ofNullable(latest.get(instrument));
  }
}
