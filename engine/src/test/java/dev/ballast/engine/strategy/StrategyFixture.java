package dev.ballast.engine.strategy;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.strategy.Strategy.Command;
import dev.ballast.engine.strategy.Strategy.Event;
import dev.ballast.engine.strategy.Strategy.State;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/**
 * The setup the Strategy entity tests share: one test kit, a clock the test moves, the inputs and
 * market data a check gathers (set by the test), the latest quotes, and the decisions a sink was handed.
 * Public for the tests outside this package that drive a Strategy entity on a moved clock (live parity).
 */
public final class StrategyFixture {
  public final AtomicReference<Instant> now;
  final AtomicReference<PlanInputs> inputs = new AtomicReference<>();
  final AtomicReference<PolicyContext> market = new AtomicReference<>();
  final List<String> sent = new CopyOnWriteArrayList<>();
  final Map<InstrumentId, Quote> latest = new ConcurrentHashMap<>();
  public final ActorTestKit testKit = ActorTestKit.create(Fixtures.testKitConfig());
  private final Instant start;

  public StrategyFixture(Instant start) {
    this.start = start;
    this.now = new AtomicReference<>(start);
  }

  /** A clock at {@link #now}, which the test moves from one period to the next. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
  }

  /** The inputs the test set, with the configuration the entity asks them for. */
  StrategyInputs strategyInputs() {
    return (portfolio, config) -> {
      PlanInputs in = inputs.get();
      return CompletableFuture.completedFuture(new PlanInputs(in.baseCurrency(), in.holdings(), in.prices(), in.fx(), in.targets(), config));
    };
  }

  /** A sink that takes every delivery and records its decision id in {@link #sent}. */
  IntentSink recordingSink() {
    return (decisionId, mode, intents) -> {
      sent.add(decisionId);
      return CompletableFuture.completedFuture(null);
    };
  }

  /** A sink for dry runs, which send nothing: any delivery fails. */
  static IntentSink refusingSink() {
    return (decisionId, mode, intents) -> CompletableFuture.failedFuture(new IllegalStateException("a dry run sends nothing"));
  }

  /** Settings with the kill switch off, the latest quotes of {@link #latest} and no market data beyond them. */
  Strategy.Settings settings(IntentSink sink) {
    return new Strategy.Settings(clock(), strategyInputs(), sink, i -> Optional.ofNullable(latest.get(i)), killSwitchOff(), 100, Fixtures.SLICES);
  }

  /** Settings whose policies read the market data of {@link #market}. */
  Strategy.Settings settingsWithMarket(IntentSink sink) {
    return new Strategy.Settings(clock(), strategyInputs(), sink, i -> Optional.ofNullable(latest.get(i)), killSwitchOff(), 100,
        Fixtures.SLICES, event -> {}, (portfolio, config) -> CompletableFuture.completedFuture(market.get()));
  }

  private static Strategy.KillSwitchView killSwitchOff() {
    return () -> CompletableFuture.completedFuture(false);
  }

  /** A Strategy entity of this portfolio, every command, event and state checked to serialize and read back equal. */
  EventSourcedBehaviorTestKit<Command, Event, State> entity(String portfolio, Strategy.Settings settings) {
    return EventSourcedBehaviorTestKit.create(testKit.system(), Strategy.create(PortfolioId.of(portfolio), settings),
        EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
  }

  /** Before each test: the clock back at its start, nothing sent. */
  void reset() {
    now.set(start);
    sent.clear();
  }

  public void shutdown() {
    testKit.shutdownTestKit();
  }
}
