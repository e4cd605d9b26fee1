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
        t.getInt("snapshot-every"), slices));
    // engaged: every account with orders cancels them (the executions are addressed by the accounts that traded)
    KillSwitch.init(system, clock, engaged -> setup.venues.keySet().forEach(account -> sharding.entityRefFor(Execution.ENTITY_KEY, account.value())
        .tell(new Execution.CancelAll("kill switch: " + engaged.reason(), system.ignoreRef()))));
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
        killSwitch, t.getInt("snapshot-every"), slices));
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

  private void closeVenues() {
    stopped = true;
    venues.values().forEach(SimulatedVenue::close);
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
