package dev.ballast.engine.backtest;

import static dev.ballast.engine.backtest.BacktesterTest.A;
import static dev.ballast.engine.backtest.BacktesterTest.B;
import static dev.ballast.engine.backtest.BacktesterTest.d;
import static dev.ballast.engine.backtest.BacktesterTest.rebalance;
import static dev.ballast.engine.backtest.BacktesterTest.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.model.Money;
import dev.ballast.engine.regime.Regime;
import dev.ballast.engine.strategy.PlanInputs;
import dev.ballast.engine.strategy.PolicyContext;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.PolicyState;
import dev.ballast.engine.strategy.RebalancePlan;
import dev.ballast.engine.strategy.StrategyPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live policies that need a {@link PolicyContext} (DCA, buckets, momentum, regime allocation) run over history. */
class PolicyBacktestTest {
  static final LocalDate JAN_2023 = LocalDate.of(2023, 1, 1);

  /** Daily bars of one asset from {@code from} to {@code to}, each day's price given by the function. */
  static List<Bar> daily(dev.ballast.engine.model.AssetId asset, LocalDate from, LocalDate to,
      java.util.function.Function<LocalDate, String> price) {
    List<Bar> out = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      out.add(Bar.flat(day, asset, d(price.apply(day))));
    }
    return out;
  }

  static BacktestConfig monthly(String policy, Map<dev.ballast.engine.model.AssetId, String> weights, String initial, LocalDate from,
      LocalDate to, PolicySettings settings, dev.ballast.engine.model.AssetId... assets) {
    return new BacktestConfig(policy, targets(weights), rebalance("5", assets), Money.of(initial, "USD"), from, to,
        BacktestConfig.Schedule.MONTHLY, null, null, null, null).withPolicySettings(settings);
  }

  /** Records every input a decision saw, then decides as the wrapped live policy. */
  static final class Recording implements StrategyPolicy {
    final StrategyPolicy live;
    final List<PlanInputs> seen = new ArrayList<>();

    Recording(StrategyPolicy live) {
      this.live = live;
    }

    public String name() {
      return live.name();
    }

    public RebalancePlan decide(String id, PlanInputs in) {
      seen.add(in);
      return live.decide(id, in);
    }
  }

  @Test
  void monthlyDcaIntoOneAssetAtAConstantPriceEqualsTheHandComputation() {
    LocalDate from = LocalDate.of(2024, 1, 1);
    LocalDate to = LocalDate.of(2024, 12, 31);
    PolicySettings dca = new PolicySettings(new PolicySettings.Dca(Money.of("100", "USD"), Duration.ofDays(28)), null);
    BacktestConfig cfg = monthly(StrategyPolicy.DCA_NAME, Map.of(A, "100"), "1200", from, to, dca, A);
    BacktestResult r = Backtester.of(cfg, BarSource.of(daily(A, from, to, day -> "8"))).run();
    // each first bar of a month: 100 plus the carry at 8 in whole units. January 100 -> 12 (96), carry 4;
    // February 104 -> 13 (104), carry 0; and so on: 12, 13, 12, 13, ... each filled at the next day's open of 8
    List<String> fills = r.fills().stream().map(f -> f.date() + " " + f.side() + " " + f.quantity().toPlainString() + " @"
        + f.price().stripTrailingZeros().toPlainString() + " " + f.notional().stripTrailingZeros().toPlainString()).toList();
    List<String> expected = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      int units = m % 2 == 1 ? 12 : 13;
      expected.add(LocalDate.of(2024, m, 2) + " BUY " + units + " @8 " + units * 8);
    }
    assertEquals(expected, fills);
    // 150 units and no cash at the end: the value never moves from 1200
    assertTrue(r.values().stream().allMatch(v -> v.value().compareTo(d("1200")) == 0));
    assertEquals(366, r.values().size());
    assertEquals(12, r.decisions().size());
    PolicyState.Dca last = r.decisions().get(11).plan().nextState().dca();
    assertEquals(12, last.periods());
    assertEquals(0, last.carry().signum());
    assertEquals(0, d("1200").compareTo(last.contributed()));
    // the state is carried: the second decision saw the first one's carry of 4
    assertEquals(0, d("4").compareTo(r.decisions().get(0).plan().nextState().dca().carry()));
    assertEquals(12, r.metrics().trades());
  }

  /** A up from 10 to 20 over 2023 then flat; B flat at 10. */
  static List<Bar> momentumPath() {
    List<Bar> all = new ArrayList<>(daily(A, JAN_2023, LocalDate.of(2024, 2, 29),
        day -> day.getYear() == 2023 && day.getMonthValue() < 12 ? String.valueOf(10 + (day.getMonthValue() - 1)) : "20"));
    all.addAll(daily(B, JAN_2023, LocalDate.of(2024, 2, 29), day -> "10"));
    return all;
  }

  static BacktestConfig momentumConfig() {
    PolicySettings momentum = new PolicySettings(null, null, new PolicySettings.Momentum(List.of("AAA", "BBB"), 1), null);
    return monthly(StrategyPolicy.MOMENTUM_NAME, Map.of(A, "50", B, "50"), "1000", JAN_2023, LocalDate.of(2024, 2, 29), momentum, A, B);
  }

  @Test
  void momentumRotationBuysTheTopAssetOnceTwelveMonthsOfClosesExist() {
    BacktestResult r = Backtester.of(momentumConfig(), BarSource.of(momentumPath())).run();
    // until 2024-02-01 no asset has a close at the end of the month twelve back: a problem, no trades.
    // On 2024-02-01 (last closed 2024-02-01): A scores 20 / 10 - 1 = 1 (Jan 2023 to Dec 2023), B 0: all in A,
    // 1000 / 20 = 50, filled at the next open of 20
    assertEquals(14, r.decisions().size());
    for (int k = 0; k < 13; k++) {
      assertFalse(r.decisions().get(k).plan().problems().isEmpty(), "decision " + k);
    }
    assertEquals(List.of(), r.decisions().get(13).plan().problems());
    assertEquals(1, r.fills().size());
    BacktestResult.FillRecord f = r.fills().get(0);
    assertEquals(LocalDate.of(2024, 2, 2), f.date());
    assertEquals(A, f.asset());
    assertEquals("50", f.quantity().toPlainString());
    assertEquals(0, d("20").compareTo(f.price()));
    assertEquals(0, d("1000").compareTo(r.metrics().endValue()));
  }

  @Test
  void aPolicyReadingClosesNeverSeesACloseAfterItsDecision() {
    BacktestConfig cfg = momentumConfig();
    List<Bar> clean = momentumPath();
    Recording cleanPolicy = new Recording(StrategyPolicy.byName(StrategyPolicy.MOMENTUM_NAME).orElseThrow());
    BacktestResult reference = new Backtester(cleanPolicy, cfg, BarSource.of(clean)).run();
    BigDecimal poison = d("987654321");
    for (int k = 0; k < reference.decisions().size(); k++) {
      LocalDate decision = reference.decisions().get(k).date();
      List<Bar> poisoned = clean.stream().map(b -> b.date().isAfter(decision) ? Bar.flat(b.date(), b.asset(), poison) : b).toList();
      Recording policy = new Recording(StrategyPolicy.byName(StrategyPolicy.MOMENTUM_NAME).orElseThrow());
      BacktestResult r = new Backtester(policy, cfg, BarSource.of(poisoned)).run();
      for (int j = 0; j <= k; j++) {
        assertEquals(cleanPolicy.seen.get(j), policy.seen.get(j), "decision " + j + " with poison after " + decision);
        assertEquals(reference.decisions().get(j), r.decisions().get(j));
        PolicyContext context = policy.seen.get(j).policy();
        for (PolicyContext.Series s : context.history()) {
          for (PolicyContext.Close c : s.closes()) {
            assertFalse(c.date().isAfter(reference.decisions().get(j).date()), s.asset() + " " + c.date());
            assertTrue(c.value().compareTo(poison) != 0);
          }
        }
      }
      // the poison is there to be read: the decision after the cut (if any) sees it
      if (k + 1 < reference.decisions().size()) {
        PolicyContext next = policy.seen.get(k + 1).policy();
        assertTrue(next.history().stream().flatMap(s -> s.closes().stream()).anyMatch(c -> c.value().compareTo(poison) == 0));
      }
    }
  }

  @Test
  void staggeredBucketsCarryTheirStateFromDecisionToDecision() {
    LocalDate from = LocalDate.of(2024, 1, 1);
    LocalDate to = LocalDate.of(2024, 4, 30);
    PolicySettings buckets = new PolicySettings(null, new PolicySettings.Buckets(Duration.ofDays(28)));
    List<Bar> bars = new ArrayList<>(daily(A, from, to, day -> "10"));
    bars.addAll(daily(B, from, to, day -> "10"));
    BacktestResult r = Backtester.of(monthly(StrategyPolicy.BUCKETS_NAME, Map.of(A, "50", B, "50"), "1000", from, to, buckets, A, B),
        BarSource.of(bars)).run();
    // the first date sets all three buckets; each later month moves the next bucket (0, 1, 2, 0)
    List<Integer> next = r.decisions().stream().map(x -> x.plan().nextState().buckets().next()).toList();
    assertEquals(List.of(0, 1, 2, 0), next);
    // 50 A and 50 B bought once at 10; the targets never change, so nothing trades again
    assertEquals(List.of("BUY 50 AAA", "BUY 50 BBB"), r.fills().stream().map(f -> f.side() + " " + f.quantity().toPlainString() + " " + f.asset()).toList());
  }

  @Test
  void regimeAllocationReadsTheRegimeOfItsDayAndItsWindowOfCloses() {
    LocalDate from = LocalDate.of(2024, 1, 1);
    LocalDate to = LocalDate.of(2024, 3, 31);
    PolicySettings regime = new PolicySettings(null, null, null,
        new PolicySettings.RegimeAllocation(Map.of("AAA", "BTC", "BBB", "STABLE"), "min-volatility", 20));
    List<Bar> bars = new ArrayList<>(daily(A, from, to, day -> day.getDayOfMonth() % 2 == 0 ? "11" : "10"));
    bars.addAll(daily(B, from, to, day -> day.getDayOfMonth() % 3 == 0 ? "1.01" : "1"));
    BacktestConfig cfg = monthly(StrategyPolicy.REGIME_NAME, Map.of(A, "50", B, "50"), "1000", from, to, regime, A, B)
        .withRegimes(Map.of(LocalDate.of(2024, 2, 1), Regime.RISK_OFF));
    Recording policy = new Recording(StrategyPolicy.byName(StrategyPolicy.REGIME_NAME).orElseThrow());
    BacktestResult r = new Backtester(policy, cfg, BarSource.of(bars)).run();
    // January: no regime known yet; February and March: the regime from February 1 on, closes up to the decision's day
    assertEquals(3, r.decisions().size());
    assertEquals(List.of("no market regime was known at the decision"), r.decisions().get(0).plan().problems());
    assertEquals(null, policy.seen.get(0).policy().regime());
    assertEquals(Regime.RISK_OFF, policy.seen.get(1).policy().regime());
    assertEquals(List.of(), r.decisions().get(1).plan().problems());
    PolicyContext.Series a = policy.seen.get(1).policy().history().get(0);
    assertEquals("AAA", a.asset());
    assertEquals(LocalDate.of(2024, 2, 1), a.closes().get(a.closes().size() - 1).date());
    assertFalse(r.fills().isEmpty());
    assertEquals(LocalDate.of(2024, 2, 2), r.fills().get(0).date());
  }
}
