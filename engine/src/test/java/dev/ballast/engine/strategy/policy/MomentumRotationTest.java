package dev.ballast.engine.strategy.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * 12-1 momentum against a hand computation. As of 2026-01-31 the score runs from the January 2025
 * close to the December 2025 close: A 100 to 130 (+30%), B 50 to 55 (+10%), C 20 to 30 (+50%), D
 * 10 to 9 (-10%); D's jump to 100 in January 2026 is the skipped month. Top 2: C and A at 50%.
 * Holding 100 B at 60 and 1,000 cash, the portfolio is worth 7,000: sell 100 B (6,000), buy
 * floor(3,500 / 32) = 109 C (3,488) and floor(3,500 / 140) = 25 A (3,500).
 */
class MomentumRotationTest {

  static Map<String, NavigableMap<LocalDate, BigDecimal>> closes(boolean poison) {
    Map<String, NavigableMap<LocalDate, BigDecimal>> m = new LinkedHashMap<>();
    series(m, "A", "100", "130", "140");
    series(m, "B", "50", "55", "60");
    series(m, "C", "20", "30", "32");
    series(m, "D", "10", "9", "100");
    if (poison) {
      // closes after the as-of date: any read of them would change the ranking or the prices
      m.get("D").put(LocalDate.of(2026, 2, 2), new BigDecimal("0.0001"));
      m.get("B").put(LocalDate.of(2026, 2, 2), new BigDecimal("99999"));
      m.get("A").put(LocalDate.of(2026, 3, 31), new BigDecimal("0.5"));
    }
    return m;
  }

  /** Month ends Jan 2025 .. Jan 2026: start in Jan 2025, a straight line to the Dec 2025 value, then the Jan 2026 value. */
  static void series(Map<String, NavigableMap<LocalDate, BigDecimal>> m, String asset, String start, String dec, String jan) {
    NavigableMap<LocalDate, BigDecimal> s = new TreeMap<>();
    BigDecimal a = new BigDecimal(start);
    BigDecimal b = new BigDecimal(dec);
    for (int i = 0; i < 12; i++) {
      YearMonth month = YearMonth.of(2025, 1).plusMonths(i);
      // the last trading day before the month's end, and a mid-month close that is not a month end
      s.put(month.atDay(15), a.add(BigDecimal.ONE));
      s.put(month.atEndOfMonth().minusDays(1), a.add(b.subtract(a).multiply(BigDecimal.valueOf(i)).divide(BigDecimal.valueOf(11), java.math.MathContext.DECIMAL64)));
    }
    s.put(LocalDate.of(2026, 1, 30), new BigDecimal(jan));
    m.put(asset, s);
  }

  static MomentumRotation.Inputs inputs(boolean poison, Map<String, BigDecimal> holdings, String cash) {
    return new MomentumRotation.Inputs(LocalDate.of(2026, 1, 31), List.of("A", "B", "C", "D"), closes(poison), holdings,
        new BigDecimal(cash), 2, MomentumRotation.DEFAULT_THRESHOLD);
  }

  @Test
  void rankingSelectionAndTradesAreTheHandComputation() {
    MomentumRotation.Signal s = MomentumRotation.decide(inputs(false, Map.of("B", new BigDecimal("100")), "1000"));
    assertEquals(YearMonth.of(2025, 1), s.scoreFrom());
    assertEquals(YearMonth.of(2025, 12), s.scoreTo());
    assertEquals(List.of("C", "A", "B", "D"), s.ranking().stream().map(MomentumRotation.Ranked::asset).toList());
    assertEquals(0, new BigDecimal("0.5").compareTo(s.ranking().get(0).score()));
    assertEquals(0, new BigDecimal("0.3").compareTo(s.ranking().get(1).score()));
    assertEquals(0, new BigDecimal("-0.1").compareTo(s.ranking().get(3).score()));
    assertEquals(List.of("C", "A"), s.selected());
    assertEquals(0, new BigDecimal("0.5").compareTo(s.targetWeight()));
    assertEquals(0, new BigDecimal("7000").compareTo(s.portfolioValue()));
    assertEquals(List.of("sell B 100", "buy C 109", "buy A 25"),
        s.trades().stream().map(t -> t.side() + " " + t.asset() + " " + t.shares().toPlainString()).toList());
  }

  @Test
  void closesAfterTheAsOfDateAreNeverRead() {
    Map<String, BigDecimal> h = Map.of("B", new BigDecimal("100"));
    assertEquals(MomentumRotation.decide(inputs(false, h, "1000")), MomentumRotation.decide(inputs(true, h, "1000")));
  }

  @Test
  void weightsWithinTheThresholdDoNotTrade() {
    // 25 A at 140 = 3,500 (50%), 109 C at 32 = 3,488 (49.83%), 12 cash: both within 2 points of 50%
    MomentumRotation.Signal s = MomentumRotation.decide(inputs(false, Map.of("A", new BigDecimal("25"), "C", new BigDecimal("109")), "12"));
    assertEquals(List.of(), s.trades());
  }

  @Test
  void anAssetWithoutTwelveMonthsIsUnrankedWithTheReason() {
    Map<String, NavigableMap<LocalDate, BigDecimal>> m = closes(false);
    m.get("D").headMap(LocalDate.of(2025, 2, 1), false).clear();
    MomentumRotation.Signal s = MomentumRotation.decide(new MomentumRotation.Inputs(LocalDate.of(2026, 1, 31), List.of("A", "B", "C", "D"), m,
        Map.of(), new BigDecimal("1000"), 3, MomentumRotation.DEFAULT_THRESHOLD));
    MomentumRotation.Ranked d = s.ranking().get(3);
    assertEquals("D", d.asset());
    assertEquals("no close in 2025-01", d.unranked());
    assertEquals(List.of("C", "A", "B"), s.selected());
  }

  @Test
  void midMonthTheLatestMonthIsTheOneBefore() {
    MomentumRotation.Signal s = MomentumRotation.decide(new MomentumRotation.Inputs(LocalDate.of(2026, 1, 20), List.of("A"), closes(false),
        Map.of(), BigDecimal.ZERO, 1, MomentumRotation.DEFAULT_THRESHOLD));
    assertEquals(YearMonth.of(2024, 12), s.scoreFrom());
    assertEquals("no close in 2024-12", s.ranking().get(0).unranked());
  }
}
