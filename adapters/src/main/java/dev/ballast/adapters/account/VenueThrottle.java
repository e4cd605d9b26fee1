package dev.ballast.adapters.account;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A venue's published request limit kept on our side, so that a long first sync paces its pages
 * instead of running into the venue's ban. One throttle per venue and key for the whole process
 * (the sync actor opens a new adapter per sync, while the venue counts per key), kept by
 * resilience4j's {@link RateLimiter}: a request reserves its cost in points and waits, without
 * holding a thread, until the venue's counter has room for it.
 */
public final class VenueThrottle {
  /** A limit as the venue publishes it: {@code points} per {@code period}, the counter refilled every period. */
  public record Limit(int points, Duration period) {
    public Limit {
      if (points <= 0 || period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("a limit needs positive points and period: " + points + " per " + period);
      }
    }

    /** {@code points/period}, e.g. {@code 20/1s}, {@code 1/3s}, {@code 1200/1m}; as written in a connection's {@code rateLimit} setting. */
    public static Limit parse(String text) {
      String t = text.trim();
      int slash = t.indexOf('/');
      if (slash <= 0) {
        throw new IllegalArgumentException("rateLimit \"" + t + "\" is not POINTS/PERIOD (e.g. 20/1s, 1/3s, 1200/1m)");
      }
      try {
        int points = Integer.parseInt(t.substring(0, slash).trim());
        String p = t.substring(slash + 1).trim();
        long n = Long.parseLong(p.substring(0, p.length() - (p.endsWith("ms") ? 2 : 1)));
        Duration period = p.endsWith("ms") ? Duration.ofMillis(n) : p.endsWith("s") ? Duration.ofSeconds(n) : p.endsWith("m") ? Duration.ofMinutes(n)
            : null;
        if (period == null) {
          throw new IllegalArgumentException("rateLimit \"" + t + "\": the period ends in ms, s or m");
        }
        return new Limit(points, period);
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        throw new IllegalArgumentException("rateLimit \"" + t + "\" is not POINTS/PERIOD (e.g. 20/1s, 1/3s, 1200/1m)");
      }
    }

    @Override
    public String toString() {
      return points + "/" + period.toMillis() + "ms";
    }
  }

  private static final Map<String, VenueThrottle> SHARED = new ConcurrentHashMap<>();
  private static final VenueThrottle UNLIMITED = new VenueThrottle("unlimited", new Limit(Integer.MAX_VALUE, Duration.ofDays(1)));

  private final RateLimiter limiter;
  private final Limit limit;

  private VenueThrottle(String name, Limit limit) {
    this.limit = limit;
    this.limiter = RateLimiter.of(name, RateLimiterConfig.custom().limitForPeriod(limit.points()).limitRefreshPeriod(limit.period())
        // a reservation always succeeds: the wait is the pacing, however long the first sync's queue
        .timeoutDuration(Duration.ofDays(1)).build());
  }

  /**
   * The process's throttle of this venue and key. The key is only hashed into the name (a throttle's
   * name may be logged); a different limit for the same key replaces the old one.
   */
  public static VenueThrottle shared(String venue, String apiKey, Limit limit) {
    String name = venue + ":" + fingerprint(apiKey);
    return SHARED.compute(name, (k, old) -> old != null && old.limit.equals(limit) ? old : new VenueThrottle(k, limit));
  }

  /** A throttle of its own (tests, benchmarks). */
  public static VenueThrottle of(String name, Limit limit) {
    return new VenueThrottle(name, limit);
  }

  /** No limit: every request goes at once. */
  public static VenueThrottle unlimited() {
    return UNLIMITED;
  }

  public Limit limit() {
    return limit;
  }

  /** Sends {@code request} once its {@code cost} in points fits the venue's counter; never blocks the caller's thread. */
  public <T> CompletableFuture<T> call(int cost, Supplier<CompletableFuture<T>> request) {
    Objects.requireNonNull(request, "request");
    if (this == UNLIMITED) {
      return request.get();
    }
    long waitNanos = limiter.reservePermission(Math.max(1, cost));
    if (waitNanos <= 0) {
      return request.get();
    }
    return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS)).thenCompose(v -> request.get());
  }

  private static String fingerprint(String apiKey) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(Objects.requireNonNull(apiKey, "apiKey").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
