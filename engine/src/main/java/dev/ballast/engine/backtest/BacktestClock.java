package dev.ballast.engine.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The injected clock of a backtest: it stands on one bar's day and only moves forward. */
public final class BacktestClock {
  private LocalDate today;

  public BacktestClock(LocalDate start) {
    this.today = start;
  }

  public LocalDate today() {
    return today;
  }

  /** The instant decisions of the day are stamped with (its close, taken as the end of the UTC day). */
  public Instant now() {
    return today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
  }

  void advanceTo(LocalDate day) {
    if (day.isBefore(today)) {
      throw new IllegalStateException("backtest clock cannot go back from " + today + " to " + day);
    }
    today = day;
  }
}
