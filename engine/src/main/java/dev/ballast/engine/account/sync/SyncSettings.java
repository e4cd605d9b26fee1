package dev.ballast.engine.account.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How the sync actors run: the interval between syncs per venue kind (else {@code defaultInterval}),
 * the backoff after a transient failure (doubling from {@code minBackoff} to {@code maxBackoff}),
 * and the executor the blocking store runs on.
 */
public record SyncSettings(
    Clock clock, Map<String, Duration> intervals, Duration defaultInterval, Duration minBackoff, Duration maxBackoff, Executor blocking) {

  public SyncSettings {
    Objects.requireNonNull(clock, "clock");
    intervals = Map.copyOf(intervals);
    Objects.requireNonNull(defaultInterval, "defaultInterval");
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(blocking, "blocking");
    if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("sync backoff: min " + minBackoff + " must be positive and at most max " + maxBackoff);
    }
  }

  public Duration intervalOf(String kind) {
    return intervals.getOrDefault(kind, defaultInterval);
  }

  /** The wait after the {@code failures}th transient failure in a row (1 for the first). */
  public Duration backoff(int failures) {
    Duration d = minBackoff;
    for (int i = 1; i < failures && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
