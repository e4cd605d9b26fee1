package dev.ballast.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.execution.Execution;
import dev.ballast.engine.execution.Fill;
import dev.ballast.engine.execution.LedgerPort;
import dev.ballast.engine.execution.Side;
import dev.ballast.engine.execution.SimulatedVenue;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.strategy.OrderIntent;
import dev.ballast.engine.strategy.PlanInputs;
import dev.ballast.engine.strategy.RebalanceConfig;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyConfig;
import dev.ballast.engine.strategy.StrategyFixture;
import dev.ballast.engine.strategy.StrategyMode;
import dev.ballast.engine.strategy.TradeRule;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live parity: one price path played through the backtester and through the live pipeline (the
 * Strategy entity in paper mode, its risk gate, the Execution entity and the SimulatedVenue, fills
 * into a ledger) gives the same orders and the same fills, price and fee to the last decimal.
 * Live, a daily strategy checks at the start of the next day on the closes it knows, and the venue
 * quotes that day's open: what the backtester calls a decision on the close filled at the next open.
 */
class LiveParityTest {
  private static final AssetId USD = AssetId.of("USD");
  private static final AssetId AAA = AssetId.of("AAA");
  private static final AssetId BBB = AssetId.of("BBB");
  private static final LocalDate D1 = LocalDate.of(2025, 3, 3);
  private static final PortfolioId PORTFOLIO = PortfolioId.of("parity");
  private static final RiskLimits LIMITS =
      new RiskLimits(Money.of("1000000", "USD"), Money.of("10000000", "USD"), new BigDecimal("5000"), Duration.ofDays(2), null);
  private static StrategyFixture fixture;
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    // the strategy tests' fixture: its test kit and a clock the path moves
    fixture = new StrategyFixture(D1.atStartOfDay(ZoneOffset.UTC).toInstant());
    testKit = fixture.testKit;
  }

  @AfterAll
  static void stop() {
    fixture.shutdown();
  }

  /** The account's ledger: each fill's transaction moves the units and the cash, once per external id. */
  static final class Ledger implements LedgerPort {
    final Map<AssetId, BigDecimal> held = new ConcurrentHashMap<>();
    final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public synchronized java.util.concurrent.CompletionStage<Void> record(AccountId account, Transaction t) {
      if (seen.add(t.externalId())) {
        BigDecimal notional = t.quantity().value().multiply(t.price().value());
        boolean buy = t.type() == TransactionType.BUY;
        held.merge(t.asset(), buy ? t.quantity().value() : t.quantity().value().negate(), BigDecimal::add);
        held.merge(USD, buy ? notional.add(t.fee().amount()).negate() : notional.subtract(t.fee().amount()), BigDecimal::add);
        held.entrySet().removeIf(e -> !e.getKey().equals(USD) && e.getValue().signum() == 0);
      }
      return CompletableFuture.completedFuture(null);
    }
  }

  static TradeRule rule(AssetId a) {
    return new TradeRule(a, Backtester.ACCOUNT, new InstrumentId(a, USD), new BigDecimal("0.001"), BigDecimal.ZERO);
  }

  static RebalanceConfig rebalance() {
    // a cash buffer: the next open may cost more than the close planned at, and the venue, unlike the backtester, does not cut a buy to the cash
    return new RebalanceConfig(new BigDecimal("3"), null, Money.of("0", "USD"), new BigDecimal("20"), Money.of("500", "USD"),
        List.of(rule(AAA), rule(BBB)));
  }

  static TargetAllocation targets() {
    return new TargetAllocation(TargetAllocation.Kind.ASSET,
        List.of(new TargetAllocation.Target("AAA", new BigDecimal("60")), new TargetAllocation.Target("BBB", new BigDecimal("40"))), Map.of());
  }

  /** Open/high/low/close a day: both assets move apart, so the 3-point band is crossed on some days and not on others. */
  static List<Bar> path() {
    String[][] a = {{"100", "101", "99", "100"}, {"100.5", "104", "100", "103.7"}, {"104", "112", "103", "111.3"}, {"111", "112", "108", "108.9"},
        {"108", "109", "96", "97.13"}, {"97.5", "98", "92", "93.41"}, {"94", "105", "93", "104.2"}, {"104.4", "106", "103", "105.55"}};
    String[][] b = {{"50", "51", "49", "50"}, {"49.8", "50", "47", "47.35"}, {"47", "48", "45", "45.2"}, {"45.4", "46", "44", "44.75"},
        {"45", "52", "44", "51.9"}, {"52.1", "56", "52", "55.65"}, {"55", "55", "49", "49.33"}, {"49.5", "51", "49", "50.12"}};
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < a.length; i++) {
      bars.add(bar(AAA, i, a[i]));
      bars.add(bar(BBB, i, b[i]));
    }
    return bars;
  }

  static Bar bar(AssetId asset, int day, String[] ohlc) {
    return new Bar(D1.plusDays(day), asset, new BigDecimal(ohlc[0]), new BigDecimal(ohlc[1]), new BigDecimal(ohlc[2]), new BigDecimal(ohlc[3]));
  }

  @Test
  void thePathThroughTheLivePipelineGivesTheBacktestersOrdersAndFills() {
    List<Bar> bars = path();
    int days = bars.size() / 2;
    BigDecimal feeBps = new BigDecimal("7.5");
    BigDecimal slipBps = new BigDecimal("12");
    BacktestConfig config = new BacktestConfig("threshold-rebalancing", targets(), rebalance(), Money.of("10000", "USD"), D1,
        D1.plusDays(days - 1), BacktestConfig.Schedule.DAILY, BacktestConfig.FillTiming.NEXT_OPEN, new FeeModel.Percentage(feeBps),
        new SlippageModel.Bps(slipBps), LIMITS);
    BacktestResult backtest = Backtester.of(config, BarSource.of(bars)).run();

    // live: the same account, venue rules and risk limits
    Clock clock = fixture.clock();
    Ledger ledger = new Ledger();
    ledger.held.put(USD, new BigDecimal("10000"));
    SimulatedVenue venue = new SimulatedVenue(new SimulatedVenue.Settings("paper", feeBps, slipBps, Duration.ZERO, BigDecimal.ONE,
        new BigDecimal("0.001")), clock);
    ActorRef<Execution.Command> execution = testKit.spawn(Execution.create(Backtester.ACCOUNT,
        new Execution.Settings(clock, a -> venue, ledger, Duration.ofMillis(50), 100, Fixtures.SLICES)));
    Map<InstrumentId, Bar> closes = new ConcurrentHashMap<>();
    List<Strategy.Event> published = new CopyOnWriteArrayList<>();
    dev.ballast.engine.strategy.StrategyInputs inputs = (portfolio, rc) -> {
      List<PlanInputs.Holding> holdings = new ArrayList<>();
      new TreeMap<>(ledger.held).forEach((asset, q) -> holdings.add(new PlanInputs.Holding(Backtester.ACCOUNT, asset, q)));
      List<PlanInputs.PricePoint> prices = closes.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
          .map(e -> new PlanInputs.PricePoint(e.getKey(), new Price(e.getValue().close(), USD),
              e.getValue().date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)))
          .toList();
      return CompletableFuture.completedFuture(new PlanInputs(USD, holdings, prices, List.of(), targets(), rc));
    };
    dev.ballast.engine.strategy.IntentSink sink = (decisionId, mode, intents) -> {
      TestProbe<Execution.Ack> ack = testKit.createTestProbe();
      execution.tell(new Execution.SubmitIntents(decisionId, intents, ack.getRef()));
      return CompletableFuture.supplyAsync(() -> ack.receiveMessage(Duration.ofSeconds(10))).thenApply(a -> null);
    };
    dev.ballast.engine.strategy.LatestPrices latest = instrument -> Optional.ofNullable(closes.get(instrument))
        .map(b -> new Quote(instrument, null, null, new Price(b.close(), USD), b.date().atStartOfDay(ZoneOffset.UTC).toInstant()));
    ActorRef<Strategy.Command> strategy = testKit.spawn(Strategy.create(PORTFOLIO, new Strategy.Settings(clock, inputs, sink, latest,
        () -> CompletableFuture.completedFuture(false), 100, Fixtures.SLICES, published::add)));
    TestProbe<Strategy.Result> configured = testKit.createTestProbe();
    strategy.tell(new Strategy.Configure(new StrategyConfig(null, rebalance(), StrategyMode.PAPER, null, LIMITS), configured.getRef()));
    assertEquals(new Strategy.Accepted(true), configured.receiveMessage());

    List<String> liveOrders = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      LocalDate day = D1.plusDays(i);
      Instant open = day.atStartOfDay(ZoneOffset.UTC).toInstant();
      fixture.now.set(open);
      for (Bar b : bars) {
        if (b.date().equals(day)) {
          venue.onQuote(Quote.last(new InstrumentId(b.asset(), USD), new Price(b.open(), USD), open));
        }
      }
      if (i > 0) {
        // before the open, on the closes up to yesterday: the backtester's decision of yesterday's close
        TestProbe<Strategy.CheckResult> checked = testKit.createTestProbe();
        strategy.tell(new Strategy.Check(checked.getRef()));
        Strategy.RebalanceDecided decided = assertInstanceOf(Strategy.Decided.class, checked.receiveMessage(Duration.ofSeconds(10))).decision();
        String id = decided.decisionId();
        // a decision without intents is not screened: nothing to send
        if (!decided.plan().intents().isEmpty()) {
          Strategy.IntentsScreened screened = awaitPublished(published, Strategy.IntentsScreened.class, id);
          assertEquals(List.of(), screened.rejected(), "live rejections of " + id);
          if (!screened.passed().isEmpty()) {
            awaitPublished(published, Strategy.IntentsDelivered.class, id);
            int orders = screened.passed().size();
            awaitExecution(execution, s -> s.orders().values().stream().filter(o -> o.decisionId().equals(id)).count() == orders
                && s.orders().values().stream().allMatch(o -> o.status() == Execution.Status.FILLED) && s.unrecorded().isEmpty());
          }
          screened.passed().forEach(o -> liveOrders.add(order(o)));
        }
      }
      // the day's close: known to the next check
      for (Bar b : bars) {
        if (b.date().equals(day)) {
          closes.put(new InstrumentId(b.asset(), USD), b);
        }
      }
    }

    // the backtester's decisions but the last one's (no next bar to fill at)
    List<String> backtestOrders = new ArrayList<>();
    for (BacktestResult.Decision d : backtest.decisions()) {
      if (d.date().isBefore(D1.plusDays(days - 1))) {
        assertEquals(List.of(), d.rejected(), "backtest rejections on " + d.date());
        d.passed().forEach(o -> backtestOrders.add(order(o)));
      }
    }
    assertTrue(backtest.unfilled().stream().allMatch(u -> u.reason().startsWith("decided on the last bar")), backtest.unfilled().toString());
    assertTrue(backtestOrders.size() >= 4, "the path trades on several days: " + backtestOrders);
    assertEquals(backtestOrders, liveOrders);

    List<Fill> venueFills = venue.fillsSince(Set.of(new InstrumentId(AAA, USD), new InstrumentId(BBB, USD)), Instant.EPOCH)
        .toCompletableFuture().join();
    List<String> liveFills = venueFills.stream().map(f -> fill(LocalDate.ofInstant(f.time(), ZoneOffset.UTC), f.side(), f.quantity().value(),
        f.instrument().base(), f.price().value(), f.fee().amount())).toList();
    List<String> backtestFills = backtest.fills().stream().map(f -> fill(f.date(), f.side(), f.quantity(), f.asset(), f.price(), f.fee())).toList();
    assertEquals(backtestFills, liveFills);
    assertFalse(backtestFills.stream().allMatch(f -> f.endsWith("fee 0")), "fees are charged");

    // and so the same holdings: the last close values the ledger as it values the backtest
    BigDecimal liveValue = Backtester.value(ledger.held, lastBars(bars), USD);
    assertEquals(0, backtest.values().get(days - 1).value().compareTo(liveValue), backtest.values().get(days - 1).value() + " vs " + liveValue);
  }

  private static Map<AssetId, Bar> lastBars(List<Bar> bars) {
    Map<AssetId, Bar> last = new TreeMap<>();
    bars.forEach(b -> last.merge(b.asset(), b, (x, y) -> y.date().isAfter(x.date()) ? y : x));
    return last;
  }

  private static String order(OrderIntent o) {
    return o.intentId().substring(o.intentId().lastIndexOf('/')) + " " + o.side() + " " + o.quantity().value().stripTrailingZeros().toPlainString()
        + " " + o.instrument() + " ref " + o.referencePrice().value().stripTrailingZeros().toPlainString();
  }

  private static String fill(LocalDate day, Side side, BigDecimal qty, AssetId asset, BigDecimal price, BigDecimal fee) {
    return day + " " + side + " " + qty.stripTrailingZeros().toPlainString() + " " + asset + " @" + price.stripTrailingZeros().toPlainString()
        + " fee " + fee.stripTrailingZeros().toPlainString();
  }

  private static <E extends Strategy.Event> E awaitPublished(List<Strategy.Event> published, Class<E> type, String decisionId) {
    TestProbe<Object> probe = testKit.createTestProbe();
    return probe.awaitAssert(Duration.ofSeconds(10), () -> {
      Optional<E> e = published.stream().filter(type::isInstance).map(type::cast).filter(x -> decisionId.equals(decisionIdOf(x))).findFirst();
      assertTrue(e.isPresent(), "no " + type.getSimpleName() + " of " + decisionId + " yet");
      return e.get();
    });
  }

  private static String decisionIdOf(Strategy.Event e) {
    if (e instanceof Strategy.IntentsScreened s) {
      return s.decisionId();
    }
    if (e instanceof Strategy.IntentsDelivered d) {
      return d.decisionId();
    }
    return null;
  }

  private static void awaitExecution(ActorRef<Execution.Command> execution, java.util.function.Predicate<Execution.State> done) {
    TestProbe<Execution.State> probe = testKit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(10), () -> {
      execution.tell(new Execution.Get(probe.getRef()));
      Execution.State s = probe.receiveMessage();
      assertTrue(done.test(s), "not yet: " + s);
      return s;
    });
  }
}
