package dev.ballast.api.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failures counted per key (a user name, a client address) in a fixed window: after
 * {@code maxFailures} in one window the key is refused until the window ends. A success does not
 * reset the count, so an attacker who also knows one good token cannot use it to keep guessing.
 */
public final class Throttle {
  private record Window(Instant start, int failures) {}

  private static final int MAX_KEYS = 100_000;
  private final Clock clock;
  private final int maxFailures;
  private final Duration window;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  // for /metrics: failures counted and requests refused since the start
  private final java.util.concurrent.atomic.LongAdder failures = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder refusals = new java.util.concurrent.atomic.LongAdder();

  public Throttle(Clock clock, int maxFailures, Duration window) {
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a throttle needs at least one failure and a positive window, got " + maxFailures + " in " + window);
    }
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** How long the key must wait, when it is refused now. */
  public Optional<Duration> refusedFor(String key) {
    Window w = windows.get(key);
    if (w == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant end = w.start().plus(window);
    if (!now.isBefore(end)) {
      windows.remove(key, w);
      return Optional.empty();
    }
    if (w.failures() < maxFailures) {
      return Optional.empty();
    }
    refusals.increment();
    return Optional.of(Duration.between(now, end));
  }

  /** Failures counted since the start. */
  public long failures() {
    return failures.sum();
  }

  /** Requests refused since the start. */
  public long refusals() {
    return refusals.sum();
  }

  public void failed(String key) {
    failures.increment();
    Instant now = clock.instant();
    if (windows.size() >= MAX_KEYS) {
      // bounded memory under a flood of distinct keys: drop the finished windows
      windows.entrySet().removeIf(e -> !now.isBefore(e.getValue().start().plus(window)));
    }
    windows.compute(key, (k, w) -> w == null || !now.isBefore(w.start().plus(window)) ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
  }
}
