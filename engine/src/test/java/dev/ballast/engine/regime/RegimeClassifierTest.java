package dev.ballast.engine.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.analytics.series.OhlcSample;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripted market paths that end in each regime, no flapping, and no reading of days after the decision. */
class RegimeClassifierTest {

  static final RegimeSettings S = RegimeSettings.DEFAULTS;

  /** Builds days one after another: the cap moves by {@code growth} a day, dominance by the given points a day. */
  static final class Path {
    final List<MarketDay> days = new ArrayList<>();
    LocalDate date = LocalDate.of(2024, 1, 1);
    double cap = 2.0e12;
    double btc = 50;
    double eth = 15;
    double stable = 8;

    Path days(int n, double growth, double dBtc, double dEth, double dStable) {
      for (int i = 0; i < n; i++) {
        double open = cap;
        cap = cap * (1 + growth);
        btc += dBtc;
        eth += dEth;
        stable += dStable;
        double high = Math.max(open, cap) * 1.002;
        double low = Math.min(open, cap) * 0.998;
        days.add(new MarketDay(new OhlcSample(date, open, high, low, cap), btc, eth, stable));
        date = date.plusDays(1);
      }
      return this;
    }

    Path flat(int n) {
      return days(n, 0, 0, 0, 0);
    }

    Regime end() {
      return RegimeClassifier.statusAt(days, Instant.MAX, S).regime();
    }
  }

  @Test
  void aFlatQuietMarketIsHodl() {
    Path p = new Path().flat(60);
    assertEquals(Regime.HODL, p.end());
    assertEquals(List.of(), RegimeClassifier.run(p.days, S));
  }

  @Test
  void aFallWithAFlightToStablecoinsIsRiskOff() {
    Path p = new Path().flat(40).days(40, -0.005, 0, -0.02, 0.08);
    assertEquals(Regime.RISK_OFF, p.end());
  }

  @Test
  void aRallyLedByBtcIsBtcSeason() {
    Path p = new Path().flat(40).days(40, 0.005, 0.1, -0.03, -0.03);
    assertEquals(Regime.BTC_SEASON, p.end());
  }

  @Test
  void aRallyLedByAltsAndEthIsAltSeason() {
    Path p = new Path().flat(40).days(40, 0.005, -0.1, 0.05, -0.02);
    assertEquals(Regime.ALT_SEASON, p.end());
  }

  @Test
  void aBroadRallyIsRiskOn() {
    Path p = new Path().flat(40).days(40, 0.005, 0, 0, 0);
    assertEquals(Regime.RISK_ON, p.end());
  }

  @Test
  void eachChangeIsConfirmedAndCarriesItsInputs() {
    Path p = new Path().flat(40).days(40, 0.005, 0, 0, 0).days(60, -0.006, 0, 0, 0.05);
    List<RegimeClassifier.Change> changes = RegimeClassifier.run(p.days, S);
    // as the 30-day trend turns from +16% to -16% it passes through the flat band: HODL in between
    assertEquals(List.of(Regime.RISK_ON, Regime.HODL, Regime.RISK_OFF), changes.stream().map(RegimeClassifier.Change::to).toList());
    RegimeClassifier.Change first = changes.get(0);
    assertEquals(Regime.HODL, first.from());
    assertTrue(first.inputs().capTrend() > S.hodlBand(), first.inputs().toString());
    assertEquals(first.day(), first.inputs().day());
  }

  @Test
  void aRegimeIsHeldForTheMinimumDwell() {
    // Risk Off is taken, then a sharp rally begins at once: Risk On comes no sooner than the dwell allows
    Path p = new Path().flat(40).days(25, -0.008, 0, 0, 0.05).days(40, 0.02, 0, 0, -0.05);
    List<RegimeClassifier.Change> changes = RegimeClassifier.run(p.days, S);
    for (int i = 1; i < changes.size(); i++) {
      assertTrue(!changes.get(i).day().isBefore(changes.get(i - 1).day().plusDays(S.minDwellDays())), changes.toString());
    }
    assertEquals(Regime.RISK_ON, changes.get(changes.size() - 1).to());
  }

  @Test
  void aBriefSignalIsNotTaken() {
    // two days of a flight to stablecoins inside a flat market: fewer than confirmDays, no change
    RegimeSettings strict = new RegimeSettings(2, 3, 0.10, 1.0, 0.05, 5, 1.5, 3, 0);
    Path p = new Path().flat(10).days(2, -0.08, 0, 0, 1).flat(10);
    assertEquals(List.of(), RegimeClassifier.run(p.days, strict));
    Path longer = new Path().flat(10).days(4, -0.08, 0, 0, 1);
    assertEquals(List.of(Regime.RISK_OFF), RegimeClassifier.run(longer.days, strict).stream().map(RegimeClassifier.Change::to).toList());
  }

  @Test
  void daysAfterTheDecisionAreNeverRead() {
    Path p = new Path().flat(40).days(40, 0.005, 0.1, -0.03, -0.03);
    Instant decision = p.days.get(p.days.size() - 1).closesAt();
    RegimeClassifier.Tracker clean = RegimeClassifier.statusAt(p.days, decision, S);
    // the future: a crash to a tenth and every dominance at an extreme; today's own value is not yet known either
    List<MarketDay> poisoned = new ArrayList<>(p.days);
    LocalDate d = p.date;
    for (int i = 0; i < 30; i++) {
      poisoned.add(new MarketDay(new OhlcSample(d.plusDays(i), 1e9, 1e13, 1e8, 1e8), 0, 0, 100));
    }
    RegimeClassifier.Tracker seen = RegimeClassifier.statusAt(poisoned, decision, S);
    assertEquals(clean, seen);
    assertEquals(Regime.BTC_SEASON, seen.regime());
    // a decision one second before the last day closes does not see that day
    assertEquals(p.days.get(p.days.size() - 2).date(),
        RegimeClassifier.statusAt(poisoned, decision.minusSeconds(1), S).window().get(S.lookback() - 1).date());
  }
}
