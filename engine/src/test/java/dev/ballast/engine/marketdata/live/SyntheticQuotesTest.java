package dev.ballast.engine.marketdata.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.marketdata.Quote;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticQuotesTest {

  private static List<Quote> take(SyntheticQuotes.Settings settings, int n) {
    Iterator<Quote> it = SyntheticQuotes.iterator(settings);
    List<Quote> quotes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      quotes.add(it.next());
    }
    return quotes;
  }

  @Test
  void theSameSeedGivesTheSameQuotesAndAnotherSeedOthers() {
    assertEquals(take(SyntheticQuotes.Settings.demo(3, 7), 300), take(SyntheticQuotes.Settings.demo(3, 7), 300));
    assertNotEquals(take(SyntheticQuotes.Settings.demo(3, 7), 300), take(SyntheticQuotes.Settings.demo(3, 8), 300));
  }

  @Test
  void instrumentsMoveInTurnAndTheClockStepsEachRoundWithTheSpreadAroundTheMid() {
    SyntheticQuotes.Settings settings = SyntheticQuotes.Settings.demo(3, 1);
    List<Quote> quotes = take(settings, 6);
    for (int k = 0; k < 6; k++) {
      Quote q = quotes.get(k);
      assertEquals(settings.instruments().get(k % 3), q.instrument());
      assertEquals(settings.start().plus(settings.step().multipliedBy(k / 3 + 1)), q.time());
      assertTrue(q.bid().value().compareTo(q.last().value()) < 0 && q.last().value().compareTo(q.ask().value()) < 0, q.toString());
      assertEquals(4, q.last().value().scale());
    }
  }

  @Test
  void returnsAreCorrelatedAsConfiguredAndVolatilityIsAsConfigured() {
    // daily steps: 4,000 days of two instruments, correlation 0.7, volatility 40 %
    SyntheticQuotes.Settings settings = new SyntheticQuotes.Settings(
        List.of(LiveQuotes.BTC, LiveQuotes.ETH), List.of(BigDecimal.valueOf(100), BigDecimal.valueOf(50)),
        BigDecimal.ZERO, new BigDecimal("0.4"), new BigDecimal("0.7"), 0, 8, java.time.Duration.ofDays(1), LiveQuotes.T0, 42);
    List<Quote> quotes = take(settings, 8002);
    int n = 4000;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int k = 0; k < n; k++) {
      a[k] = Math.log(quotes.get(2 * k + 2).last().value().doubleValue() / quotes.get(2 * k).last().value().doubleValue());
      b[k] = Math.log(quotes.get(2 * k + 3).last().value().doubleValue() / quotes.get(2 * k + 1).last().value().doubleValue());
    }
    double correlation = new org.apache.commons.math3.stat.correlation.PearsonsCorrelation().correlation(a, b);
    assertEquals(0.7, correlation, 0.05, "sample correlation of daily log returns");
    double yearly = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation().evaluate(a) * Math.sqrt(365.25);
    assertEquals(0.4, yearly, 0.03, "yearly volatility");
  }
}
