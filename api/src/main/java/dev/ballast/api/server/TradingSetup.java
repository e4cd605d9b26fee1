package dev.ballast.api.server;

import com.typesafe.config.Config;
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
 * price feeds push quotes in through {@link #onQuote}.
 */
public final class TradingSetup implements LatestPrices {
  private final Map<InstrumentId, Quote> latest = new ConcurrentHashMap<>();
  private final Map<AccountId, SimulatedVenue> venues = new ConcurrentHashMap<>();
  private final SimulatedVenue.Settings venueSettings;
  private final Clock clock;

  private TradingSetup(SimulatedVenue.Settings venueSettings, Clock clock) {
    this.venueSettings = venueSettings;
    this.clock = clock;
  }

  public static TradingSetup start(ActorSystem<?> system, Config config, Clock clock, Slices slices, FxRateProvider fx) {
    Config t = config.getConfig("ballast.trading");
    SimulatedVenue.Settings paper = new SimulatedVenue.Settings("paper", new BigDecimal(t.getString("paper.fee-bps")),
        new BigDecimal(t.getString("paper.slippage-bps")), t.getDuration("paper.latency"), new BigDecimal(t.getString("paper.fill-fraction")),
        new BigDecimal(t.getString("paper.lot-step")));
    TradingSetup setup = new TradingSetup(paper, clock);
    ClusterSharding sharding = ClusterSharding.get(system);
    Duration timeout = t.getDuration("ask-timeout");
    Execution.init(system, new Execution.Settings(clock, setup::venue, new ShardedLedger(sharding, timeout), t.getDuration("poll-interval"),
        t.getInt("snapshot-every"), slices));
    // engaged: every account with orders cancels them (the executions are addressed by the accounts that traded)
    KillSwitch.init(system, clock, engaged -> setup.venues.keySet().forEach(account -> sharding.entityRefFor(Execution.ENTITY_KEY, account.value())
        .tell(new Execution.CancelAll("kill switch: " + engaged.reason(), system.ignoreRef()))));
    IntentSink sink = (decisionId, mode, intents) -> {
      Map<AccountId, List<OrderIntent>> byAccount = intents.stream().collect(Collectors.groupingBy(OrderIntent::account));
      byAccount.forEach((account, list) -> {
        setup.venue(account);
        sharding.entityRefFor(Execution.ENTITY_KEY, account.value()).tell(new Execution.SubmitIntents(decisionId, list, system.ignoreRef()));
      });
    };
    Strategy.KillSwitchView killSwitch = () -> sharding.entityRefFor(KillSwitch.ENTITY_KEY, KillSwitch.ID)
        .<KillSwitch.State>ask(KillSwitch.Get::new, timeout).thenApply(KillSwitch.State::engaged);
    Strategy.init(system, new Strategy.Settings(clock, new ShardedStrategyInputs(sharding, timeout, setup, fx, clock), sink, setup,
        killSwitch, t.getInt("snapshot-every"), slices));
    return setup;
  }

  /** The simulated venue of an account (one per account, so that each keeps its own orders). */
  public VenueGateway venue(AccountId account) {
    return venues.computeIfAbsent(account, a -> {
      // a venue opened after quotes arrived starts from the latest of each, as a real book would show them
      SimulatedVenue venue = new SimulatedVenue(venueSettings, clock);
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
