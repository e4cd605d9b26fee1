package dev.ballast.engine.marketdata;

import java.time.Duration;

/**
 * The period one {@link OhlcBar} covers. Only fixed lengths: a month bar has no one duration, and
 * monthly figures are computed from daily bars. A daily bar is a trading day of the instrument's
 * market (a Tokyo day for 7203.T), so its length is nominal.
 */
public enum BarInterval {
  ONE_MINUTE(Duration.ofMinutes(1)),
  FIVE_MINUTES(Duration.ofMinutes(5)),
  FIFTEEN_MINUTES(Duration.ofMinutes(15)),
  ONE_HOUR(Duration.ofHours(1)),
  FOUR_HOURS(Duration.ofHours(4)),
  ONE_DAY(Duration.ofDays(1)),
  ONE_WEEK(Duration.ofDays(7));

  private final Duration length;

  BarInterval(Duration length) {
    this.length = length;
  }

  public Duration length() {
    return length;
  }
}
