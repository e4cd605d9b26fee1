package dev.ballast.engine.backtest;

import static dev.ballast.engine.backtest.BacktesterTest.A;
import static dev.ballast.engine.backtest.BacktesterTest.B;
import static dev.ballast.engine.backtest.BacktesterTest.D1;
import static dev.ballast.engine.backtest.BacktesterTest.USD;
import static dev.ballast.engine.backtest.BacktesterTest.assertValues;
import static dev.ballast.engine.backtest.BacktesterTest.bars;
import static dev.ballast.engine.backtest.BacktesterTest.config;
import static dev.ballast.engine.backtest.BacktesterTest.d;
import static dev.ballast.engine.backtest.BacktesterTest.rebalance;
import static dev.ballast.engine.backtest.BacktesterTest.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Splits and dividends applied to the holdings on their ex-date, and an asset leaving the universe after its last bar. */
class CorporateActionsBacktestTest {

  static String fills(BacktestResult r) {
    return r.fills().stream().map(f -> f.date().getDayOfMonth() + " " + f.side() + " " + f.quantity().toPlainString() + " " + f.asset())
        .toList().toString();
  }

  @Test
  void aSplitMultipliesTheUnitsAndADividendPaysTheUnitsHeldTheEveningBefore() {
    InstrumentId a = new InstrumentId(A, USD);
    List<CorporateAction> actions = List.of(new CorporateAction.Split(a, D1.plusDays(2), d("2"), d("1"), "s1"),
        new CorporateAction.Dividend(a, D1.plusDays(3), new Price(d("0.25"), USD), "d1"));
    BarSource src = BarSource.of(bars(A, "10", "10", "5", "5"), actions);
    BacktestResult r = Backtester.of(config(targets(Map.of(A, "100")), rebalance("5", A), 4, null, null, null), src).run();
    // day 2: 100 A at 10, no cash; day 3: 2:1 before the open, 200 A at 5 = 1000; day 4: 200 x 0.25 = 50 cash,
    // A at 1000 / 1050 = 95.2 % (inside the 5-point band: no trade)
    assertValues(r, "1000", "1000", "1000", "1050");
    assertEquals("[2 BUY 100 AAA]", fills(r));
    assertEquals(2, r.applied().size());
    BacktestResult.Applied split = r.applied().get(0);
    assertEquals("split", split.kind());
    assertEquals(D1.plusDays(2), split.date());
    assertEquals("200", split.quantity().toPlainString());
    BacktestResult.Applied dividend = r.applied().get(1);
    assertEquals("dividend", dividend.kind());
    assertEquals(0, d("50").compareTo(dividend.cash()));
  }

  @Test
  void aDividendInAnotherCurrencyIsNotPaidAndSaysWhy() {
    BarSource src = BarSource.of(bars(A, "10", "10", "10"),
        List.of(new CorporateAction.Dividend(new InstrumentId(A, dev.ballast.engine.model.AssetId.of("JPY")), D1.plusDays(2),
            new Price(d("30"), dev.ballast.engine.model.AssetId.of("JPY")), "d1")));
    BacktestResult r = Backtester.of(config(targets(Map.of(A, "100")), rebalance("5", A), 3, null, null, null), src).run();
    assertValues(r, "1000", "1000", "1000");
    assertEquals(0, r.applied().get(0).cash().signum());
    org.junit.jupiter.api.Assertions.assertTrue(r.applied().get(0).note().contains("not in USD"), r.applied().get(0).note());
  }

  @Test
  void anAssetStopsTradingAfterItsLastBarAndItsWeightGoesToTheOthers() {
    List<Bar> all = new ArrayList<>(bars(A, "10", "10", "10", "10", "10", "10"));
    all.addAll(bars(B, "10", "10", "12"));
    BacktestResult r = Backtester.of(config(targets(Map.of(A, "50", B, "50")), rebalance("10", A, B), 6, null, null, null),
        BarSource.of(all)).run();
    // day 2: 50 A and 50 B at 10; day 3: B 12 -> 500 + 600 = 1100 (A at 45.5 %, inside the band);
    // day 4: B has no bar since day 3: 50 B paid out at 12 = 600; the universe is A alone (100 %): A at 45.5 %,
    // buy (1100 - 500) / 10 = 60 A, filled day 5 at 10: 110 A, no cash
    assertValues(r, "1000", "1000", "1100", "1100", "1100", "1100");
    assertEquals("[2 BUY 50 AAA, 2 BUY 50 BBB, 5 BUY 60 AAA]", fills(r));
    BacktestResult.Applied gone = r.applied().get(0);
    assertEquals("delisted", gone.kind());
    assertEquals(D1.plusDays(3), gone.date());
    assertEquals(0, d("600").compareTo(gone.cash()));
    // the payout closes B's lot: 500 in, 600 out
    assertEquals(1, r.metrics().closedTrades());
    assertEquals(1.0, r.metrics().winRate(), 1e-12);
    BacktestResult.Decision day4 = r.decisions().get(3);
    assertEquals(List.of(), day4.plan().problems());
  }

  @Test
  void anAssetIsNotInTheUniverseBeforeItsFirstBar() {
    List<Bar> all = new ArrayList<>(bars(A, "10", "10", "10", "10"));
    for (Bar b : bars(B, "10", "10", "10", "10")) {
      if (!b.date().isBefore(D1.plusDays(2))) {
        all.add(b);
      }
    }
    BacktestResult r = Backtester.of(config(targets(Map.of(A, "50", B, "50")), rebalance("10", A, B), 4, null, null, null),
        BarSource.of(all)).run();
    // days 1-2: only A exists, all in A (100 A on day 2); day 3: B lists, 50/50: sell 50 A, buy 50 B on day 4
    assertEquals("[2 BUY 100 AAA, 4 SELL 50 AAA, 4 BUY 50 BBB]", fills(r));
  }

  @Test
  void anOrderDecidedTheEveningBeforeASplitFillsInPostSplitUnits() {
    InstrumentId a = new InstrumentId(A, USD);
    // 4:1 split ex day 2: the buy of 10 A decided on day 1's close at 100 fills at day 2's open of 25
    BarSource src = BarSource.of(bars(A, "100", "25/30"), List.of(new CorporateAction.Split(a, D1.plusDays(1), d("4"), d("1"), "s1")));
    BacktestResult r = Backtester.of(config(targets(Map.of(A, "100")), rebalance("5", A), 2, null, null, null), src).run();
    assertEquals(1, r.fills().size());
    BacktestResult.FillRecord f = r.fills().get(0);
    // restated as 40 at 25: the 1,000 it was decided for, not 10 x 25 = 250 with 750 left in cash
    assertEquals("40", f.quantity().stripTrailingZeros().toPlainString());
    assertEquals("25", f.price().stripTrailingZeros().toPlainString());
    assertEquals("1000", f.notional().stripTrailingZeros().toPlainString());
    BigDecimal cash = d("1000").subtract(f.notional()).subtract(f.fee());
    assertEquals(0, cash.signum(), cash.toPlainString());
    // day 1: all cash; day 2: 40 A at the close of 30, no cash
    assertValues(r, "1000", "1200");
    assertEquals("1200", r.values().get(1).value().stripTrailingZeros().toPlainString());
    BacktestResult.Applied restated = r.applied().get(0);
    assertEquals("order-split", restated.kind());
    assertEquals(D1.plusDays(1), restated.date());
    assertEquals("40", restated.quantity().stripTrailingZeros().toPlainString());
  }
}
