package dev.ballast.engine.regime;

import dev.ballast.engine.analytics.risk.YangZhangVolatility;
import dev.ballast.engine.analytics.series.OhlcSample;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Classifies day by day. {@link #raw} reads only the trailing window it is given; {@link Tracker}
 * adds confirmation and the minimum dwell, so a regime changes only after it is seen {@code
 * confirmDays} in a row and the old one has lasted {@code minDwellDays}.
 */
public final class RegimeClassifier {
  private RegimeClassifier() {}

  /** The figures of the window ending at its last day, or empty while the window is not full. */
  public static Optional<RegimeInputs> inputs(List<MarketDay> window, RegimeSettings s) {
    int n = window.size();
    if (n < s.lookback()) {
      return Optional.empty();
    }
    MarketDay last = window.get(n - 1);
    MarketDay start = window.get(n - 1 - s.trendDays());
    List<OhlcSample> bars = new ArrayList<>();
    for (int i = n - 1 - s.volatilityDays(); i < n; i++) {
      bars.add(window.get(i).totalCap());
    }
    double vol = YangZhangVolatility.annualized(bars, 365);
    return Optional.of(new RegimeInputs(last.date(), last.totalCap().close() / start.totalCap().close() - 1, vol,
        last.btcDominance() - start.btcDominance(), last.ethDominance() - start.ethDominance(),
        last.altDominance() - start.altDominance(), last.stableDominance() - start.stableDominance(), last.stableDominance()));
  }

  /** The regime the figures point to, or empty when they point to none (the current one then stays). */
  public static Optional<Regime> raw(RegimeInputs in, RegimeSettings s) {
    if (in.capTrend() < -s.riskOffTrend() || (in.capTrend() < 0 && in.stableDominanceChange() > s.stableFlight())) {
      return Optional.of(Regime.RISK_OFF);
    }
    if (Math.abs(in.capTrend()) <= s.hodlBand() && in.volatility() < s.hodlMaxVolatility()) {
      return Optional.of(Regime.HODL);
    }
    if (in.capTrend() > s.hodlBand()) {
      if (in.btcDominanceChange() > s.seasonShift()) {
        return Optional.of(Regime.BTC_SEASON);
      }
      if (in.btcDominanceChange() < -s.seasonShift() && in.ethDominanceChange() + in.altDominanceChange() > s.seasonShift()) {
        return Optional.of(Regime.ALT_SEASON);
      }
      return Optional.of(Regime.RISK_ON);
    }
    return Optional.empty();
  }

  /** A change of regime and the figures that made it. */
  public record Change(LocalDate day, Regime from, Regime to, RegimeInputs inputs) {}

  /**
   * The classifier's state after the days seen so far: the regime and since when, the candidate
   * and how many days in a row it was seen, and the trailing window (no more than the lookback).
   */
  public record Tracker(Regime regime, LocalDate since, Regime candidate, int candidateDays, List<MarketDay> window, RegimeInputs lastInputs) {

    public Tracker {
      Objects.requireNonNull(regime, "regime");
      window = List.copyOf(window);
    }

    /** Nothing seen yet: HODL, the regime that moves nothing, until a full window says otherwise. */
    public static Tracker start() {
      return new Tracker(Regime.HODL, null, null, 0, List.of(), null);
    }

    /** Result of one day: the state after it, and the change it made, if any. */
    public record Step(Tracker next, Optional<Change> change) {}

    public Step observe(MarketDay day, RegimeSettings s) {
      if (!window.isEmpty() && !day.date().isAfter(window.get(window.size() - 1).date())) {
        throw new IllegalArgumentException("day " + day.date() + " is not after the last day seen, " + window.get(window.size() - 1).date());
      }
      List<MarketDay> w = new ArrayList<>(window);
      w.add(day);
      while (w.size() > s.lookback()) {
        w.remove(0);
      }
      LocalDate since0 = since == null ? day.date() : since;
      Optional<RegimeInputs> in = inputs(w, s);
      if (in.isEmpty()) {
        return new Step(new Tracker(regime, since0, null, 0, w, null), Optional.empty());
      }
      Optional<Regime> seen = raw(in.get(), s);
      if (seen.isEmpty() || seen.get() == regime) {
        return new Step(new Tracker(regime, since0, null, 0, w, in.get()), Optional.empty());
      }
      int count = seen.get() == candidate ? candidateDays + 1 : 1;
      boolean dwelt = !day.date().isBefore(since0.plusDays(s.minDwellDays()));
      if (count >= s.confirmDays() && dwelt) {
        Change change = new Change(day.date(), regime, seen.get(), in.get());
        return new Step(new Tracker(seen.get(), day.date(), null, 0, w, in.get()), Optional.of(change));
      }
      return new Step(new Tracker(regime, since0, seen.get(), count, w, in.get()), Optional.empty());
    }
  }

  /** Every change over a history of days, the first window included. */
  public static List<Change> run(List<MarketDay> days, RegimeSettings s) {
    Tracker t = Tracker.start();
    List<Change> out = new ArrayList<>();
    for (MarketDay d : days) {
      Tracker.Step step = t.observe(d, s);
      step.change().ifPresent(out::add);
      t = step.next();
    }
    return out;
  }

  /**
   * The state a decision at {@code at} sees: only days that had closed by then (a day is known after
   * its UTC end), in date order, are observed; the rest of the list is never read.
   */
  public static Tracker statusAt(List<MarketDay> days, Instant at, RegimeSettings s) {
    Tracker t = Tracker.start();
    for (MarketDay d : days) {
      if (d.closesAt().isAfter(at)) {
        break;
      }
      t = t.observe(d, s).next();
    }
    return t;
  }
}
