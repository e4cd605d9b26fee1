package dev.ballast.engine.backtest;

import static dev.ballast.engine.backtest.BacktesterTest.A;
import static dev.ballast.engine.backtest.BacktesterTest.B;
import static dev.ballast.engine.backtest.BacktesterTest.D1;
import static dev.ballast.engine.backtest.BacktesterTest.bars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sweeps in parallel give what each point gives alone, in the grid's order; walk-forward fits, trades and rolls. */
class ParameterSweepTest {
  static final List<String> ASSETS = List.of("AAA", "BBB");

  static BarSource path() {
    List<Bar> all = new ArrayList<>(bars(A, "10", "10", "20", "20", "10", "10", "12", "11"));
    all.addAll(bars(B, "10", "10", "10", "10", "10", "10", "9", "10"));
    return BarSource.of(all);
  }

  static BacktestRequest request(int days) {
    return new BacktestRequest("threshold", "memory", D1, D1.plusDays(days - 1), new BigDecimal("1000"), "USD",
        Map.of("lot", "1", "schedule", "daily"));
  }

  @Test
  void eachPointOfASweepIsWhatItsRunGivesAloneInTheGridsOrder() {
    Map<String, List<String>> grid = new LinkedHashMap<>();
    grid.put("band", List.of("10", "50"));
    grid.put("fee-bps", List.of("0", "10"));
    List<ParameterSweep.Point> points = ParameterSweep.run(request(6), grid, ASSETS, path(), 4);
    assertEquals(List.of(Map.of("band", "10", "fee-bps", "0"), Map.of("band", "10", "fee-bps", "10"), Map.of("band", "50", "fee-bps", "0"),
        Map.of("band", "50", "fee-bps", "10")), points.stream().map(ParameterSweep.Point::params).toList());
    for (ParameterSweep.Point p : points) {
      BacktestRequest alone = request(6).with("band", p.params().get("band")).with("fee-bps", p.params().get("fee-bps"));
      BacktestResult r = Backtester.of(alone.config(ASSETS), path()).run();
      assertEquals(r.digest(), p.digest(), p.params().toString());
      assertEquals(r.metrics(), p.metrics());
    }
    // by hand (BacktesterTest's path): band 10 rebalances to end at 1120; band 50 never does: 50 A + 50 B end at 1000
    assertEquals(0, new BigDecimal("1120").compareTo(points.get(0).metrics().endValue()));
    assertEquals(0, new BigDecimal("1000").compareTo(points.get(2).metrics().endValue()));
    assertEquals(Map.of("band", "10", "fee-bps", "0"), ParameterSweep.best(points, ParameterSweep.Rank.TWR).params());
  }

  @Test
  void aPointThatCannotRunNamesItsParameter() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParameterSweep.run(request(6), Map.of("band", List.of("10", "wide")), ASSETS, path(), 2));
    assertTrue(e.getMessage().contains("band"), e.getMessage());
  }

  @Test
  void walkForwardFitsOnAWindowTradesTheNextAndRolls() {
    Map<String, List<String>> grid = Map.of("band", List.of("10", "50"));
    ParameterSweep.WalkForward wf = ParameterSweep.walkForward(request(8), grid, ASSETS, path(), 2, Period.ofDays(4), Period.ofDays(2),
        ParameterSweep.Rank.TWR);
    // windows: fit days 1-4, trade 5-6; fit 3-6, trade 7-8; a fit from day 5 would trade from day 9, after the end
    assertEquals(2, wf.windows().size());
    double chained = 1;
    for (ParameterSweep.Window w : wf.windows()) {
      List<ParameterSweep.Point> fitted = ParameterSweep.run(request(8).between(w.fitFrom(), w.fitTo()), grid, ASSETS, path(), 1);
      assertEquals(ParameterSweep.best(fitted, ParameterSweep.Rank.TWR).params(), w.chosen());
      BacktestResult oos = Backtester.of(request(8).between(w.tradeFrom(), w.tradeTo()).with("band", w.chosen().get("band")).config(ASSETS),
          path()).run();
      assertEquals(oos.metrics(), w.outOfSample());
      chained *= 1 + oos.metrics().twr();
    }
    assertEquals(D1.plusDays(4), wf.windows().get(0).tradeFrom());
    assertEquals(D1.plusDays(5), wf.windows().get(0).tradeTo());
    assertEquals(D1.plusDays(2), wf.windows().get(1).fitFrom());
    assertEquals(D1.plusDays(7), wf.windows().get(1).tradeTo());
    assertEquals(chained - 1, wf.chainedTwr(), 1e-15);
  }
}
