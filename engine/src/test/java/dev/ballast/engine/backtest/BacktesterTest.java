package dev.ballast.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.execution.Side;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.strategy.PlanInputs;
import dev.ballast.engine.strategy.RebalanceConfig;
import dev.ballast.engine.strategy.RebalancePlan;
import dev.ballast.engine.strategy.StrategyPolicy;
import dev.ballast.engine.strategy.TradeRule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktesterTest {
  static final AssetId USD = AssetId.of("USD");
  static final AssetId A = AssetId.of("AAA");
  static final AssetId B = AssetId.of("BBB");
  static final LocalDate D1 = LocalDate.of(2024, 1, 1);

  static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  static TradeRule rule(AssetId a) {
    return new TradeRule(a, Backtester.ACCOUNT, new InstrumentId(a, USD), BigDecimal.ONE, BigDecimal.ONE);
  }

  static RebalanceConfig rebalance(String band, AssetId... assets) {
    return new RebalanceConfig(d(band), null, Money.of("0", "USD"), BigDecimal.ZERO, Money.of("0", "USD"),
        java.util.Arrays.stream(assets).map(BacktesterTest::rule).toList());
  }

  static TargetAllocation targets(Map<AssetId, String> w) {
    return new TargetAllocation(TargetAllocation.Kind.ASSET,
        new java.util.TreeMap<>(w).entrySet().stream().map(e -> new TargetAllocation.Target(e.getKey().value(), d(e.getValue()))).toList(),
        Map.of());
  }

  static BacktestConfig config(TargetAllocation t, RebalanceConfig r, int days, BacktestConfig.FillTiming timing, FeeModel fees,
      SlippageModel slip) {
    return new BacktestConfig("threshold-rebalancing", t, r, Money.of("1000", "USD"), D1, D1.plusDays(days - 1),
        BacktestConfig.Schedule.DAILY, timing, fees, slip, null);
  }

  /** Day i (from 0) of a series, one bar per given open/close pair. */
  static List<Bar> bars(AssetId a, String... openClose) {
    List<Bar> out = new ArrayList<>();
    for (int i = 0; i < openClose.length; i++) {
      String[] oc = openClose[i].split("/");
      BigDecimal o = d(oc[0]);
      BigDecimal c = d(oc.length > 1 ? oc[1] : oc[0]);
      out.add(new Bar(D1.plusDays(i), a, o, o.max(c), o.min(c), c));
    }
    return out;
  }

  static void assertValues(BacktestResult r, String... expected) {
    List<String> got = r.values().stream().map(v -> v.value().stripTrailingZeros().toPlainString()).toList();
    assertEquals(List.of(expected), got);
  }

  @Test
  void buyAndHoldEqualsTheHandComputation() {
    BarSource src = BarSource.of(bars(A, "10", "11/12", "12/15"));
    BacktestResult r = Backtester.of(config(targets(Map.of(A, "100")), rebalance("5", A), 3, null, null, null), src).run();
    // day 1 close 10: the planner asks for 1000/10 = 100; day 2 open 11: cash pays for floor(1000/11) = 90, cost 990, cash 10
    // day 2: 10 + 90*12 = 1090 (weight 1080/1090 = 99.08%, inside the 5-point band: no trade); day 3: 10 + 90*15 = 1360
    assertValues(r, "1000", "1090", "1360");
    assertEquals(1, r.fills().size());
    BacktestResult.FillRecord f = r.fills().get(0);
    assertEquals(D1.plusDays(1), f.date());
    assertEquals(0, d("90").compareTo(f.quantity()));
    assertEquals(0, d("11").compareTo(f.price()));
    assertFalse(r.optimistic());
    assertEquals(0, d("1360").compareTo(r.metrics().endValue()));
    assertEquals(0.36, r.metrics().twr(), 1e-12);
    assertEquals(0, r.metrics().maxDrawdown());
  }

  @Test
  void feesSlippageAndLotStepsAreExact() {
    BarSource src = BarSource.of(bars(A, "10", "11/12", "12/15"));
    BacktestResult r = Backtester.of(config(targets(Map.of(A, "100")), rebalance("5", A), 3, null,
        new FeeModel.Percentage(d("10")), new SlippageModel.Bps(d("100"))), src).run();
    // buy at 11 * 1.01 = 11.11; cash pays floor(1000 / (11.11 * 1.001)) = 89; notional 988.79, fee 0.98879
    BacktestResult.FillRecord f = r.fills().get(0);
    assertEquals("11.11", f.price().stripTrailingZeros().toPlainString());
    assertEquals("89", f.quantity().toPlainString());
    assertEquals("0.98879", f.fee().stripTrailingZeros().toPlainString());
    assertEquals("0.98879", r.metrics().feesPaid().stripTrailingZeros().toPlainString());
    // cash 1000 - 988.79 - 0.98879 = 10.22121
    assertValues(r, "1000", "1078.22121", "1345.22121");
  }

  @Test
  void fixedAndMakerTakerFeesAndRangeSlippage() {
    BigDecimal notional = d("1000");
    assertEquals(0, d("2.5").compareTo(new FeeModel.Fixed(d("2.5")).fee(notional)));
    assertEquals(0, d("0.6").compareTo(new FeeModel.MakerTaker(d("2"), d("6")).fee(notional)));
    Bar bar = new Bar(D1, A, d("10"), d("12"), d("9"), d("11"));
    assertEquals(0, d("10.3").compareTo(new SlippageModel.RangeFraction(d("0.1")).fillPrice(Side.BUY, d("10"), bar)));
    assertEquals(0, d("9.7").compareTo(new SlippageModel.RangeFraction(d("0.1")).fillPrice(Side.SELL, d("10"), bar)));
    assertEquals(0, d("9").compareTo(new SlippageModel.RangeFraction(d("1")).fillPrice(Side.SELL, d("10"), bar)));
  }

  @Test
  void twoAssetThresholdRebalanceOnAScriptedPath() {
    List<Bar> all = new ArrayList<>(bars(A, "10", "10", "20", "20", "10", "10"));
    all.addAll(bars(B, "10", "10", "10", "10", "10", "10"));
    BacktestResult r = Backtester.of(config(targets(Map.of(A, "50", B, "50")), rebalance("10", A, B), 6, null, null, null),
        BarSource.of(all)).run();
    // day 1: buy 50 A and 50 B, filled day 2 at 10: 1000 all invested
    // day 3: A 20 -> 1000 + 500 = 1500, A at 66.7% (drift 16.7 > 10): sell A to 750: 12.5 floored to 12 (240), buy 24 B (240)
    // day 4 fills at 20 and 10: A 38, B 74, cash 0: 760 + 740 = 1500
    // day 5: A 10 -> 380 + 740 = 1120, A at 33.9% (drift 16.1): B to 560 -> sell 18 B (180), buy 18 A (180)
    // day 6 fills at 10: A 56, B 56, value 1120
    assertValues(r, "1000", "1000", "1500", "1500", "1120", "1120");
    List<String> fills = r.fills().stream()
        .map(f -> f.date().getDayOfMonth() + " " + f.side() + " " + f.quantity().toPlainString() + " " + f.asset() + " @" + f.price().stripTrailingZeros().toPlainString())
        .toList();
    assertEquals(List.of("2 BUY 50 AAA @10", "2 BUY 50 BBB @10", "4 SELL 12 AAA @20", "4 BUY 24 BBB @10", "6 SELL 18 BBB @10",
        "6 BUY 18 AAA @10"), fills);
    // closed trades (FIFO): 12 A bought at 10 sold at 20: +120; 18 B bought at 10 sold at 10: 0 (not a win)
    assertEquals(2, r.metrics().closedTrades());
    assertEquals(0.5, r.metrics().winRate(), 1e-12);
    // turnover: traded 1000 + 480 + 360 = 1840 over the mean value 7240 / 6
    assertEquals(0, d("1840").multiply(d("6")).divide(d("7240"), java.math.MathContext.DECIMAL64).compareTo(r.metrics().turnover()));
    // the benchmark: 50 A and 50 B at the first close, never traded
    List<String> bench = r.benchmarks().get(0).values().stream().map(v -> v.value().stripTrailingZeros().toPlainString()).toList();
    assertEquals(List.of("1000", "1000", "1500", "1500", "1000", "1000"), bench);
    // the maximum drawdown: 1500 -> 1120
    assertEquals(380.0 / 1500.0, r.metrics().maxDrawdown(), 1e-12);
  }

  @Test
  void closeOfBarFillsAreMarkedOptimistic() {
    BarSource src = BarSource.of(bars(A, "10", "11/12", "12/15"));
    BacktestResult r = Backtester.of(config(targets(Map.of(A, "100")), rebalance("5", A), 3, BacktestConfig.FillTiming.SAME_CLOSE,
        null, null), src).run();
    assertTrue(r.optimistic());
    // 100 A at the first close of 10: 1000, 1200, 1500
    assertValues(r, "1000", "1200", "1500");
  }

  /** Records every input a decision saw. */
  static final class Recording implements StrategyPolicy {
    final List<PlanInputs> seen = new ArrayList<>();

    public String name() {
      return "recording";
    }

    public RebalancePlan decide(String id, PlanInputs in) {
      seen.add(in);
      return StrategyPolicy.THRESHOLD_REBALANCING.decide(id, in);
    }
  }

  @Test
  void aDecisionNeverReadsABarAfterIt() {
    String[] pathA = {"10", "10/12", "20", "19/21", "10", "9/11", "14"};
    String[] pathB = {"10", "10", "11", "10", "9/10", "10", "12"};
    List<Bar> clean = new ArrayList<>(bars(A, pathA));
    clean.addAll(bars(B, pathB));
    BacktestConfig cfg = config(targets(Map.of(A, "50", B, "50")), rebalance("10", A, B), pathA.length, null, null, null);
    Recording cleanPolicy = new Recording();
    BacktestResult reference = new Backtester(cleanPolicy, cfg, BarSource.of(clean)).run();
    BigDecimal poison = d("987654321");
    for (int cut = 0; cut < pathA.length; cut++) {
      LocalDate decision = D1.plusDays(cut);
      List<Bar> poisoned = new ArrayList<>();
      for (Bar b : clean) {
        poisoned.add(b.date().isAfter(decision) ? Bar.flat(b.date(), b.asset(), poison) : b);
      }
      Recording policy = new Recording();
      BacktestResult r = new Backtester(policy, cfg, BarSource.of(poisoned)).run();
      for (int k = 0; k <= cut; k++) {
        // every decision up to the cut saw exactly what it saw on clean data, and no poison
        assertEquals(cleanPolicy.seen.get(k), policy.seen.get(k), "decision " + k + " with poison after " + decision);
        assertEquals(reference.decisions().get(k), r.decisions().get(k));
        for (PlanInputs.PricePoint p : policy.seen.get(k).prices()) {
          assertTrue(p.price().value().compareTo(poison) != 0);
          assertFalse(p.at().isAfter(decision.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        }
      }
      assertEquals(reference.values().subList(0, cut + 1), r.values().subList(0, cut + 1));
    }
  }

  @Test
  void aMissingPolicyNameIsAClearError() {
    BacktestConfig cfg = new BacktestConfig("momentum", targets(Map.of(A, "100")), rebalance("5", A), Money.of("1000", "USD"), D1, D1,
        null, null, null, null, null);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Backtester.of(cfg, BarSource.of(bars(A, "10"))));
    assertTrue(e.getMessage().contains("momentum"), e.getMessage());
  }
}
