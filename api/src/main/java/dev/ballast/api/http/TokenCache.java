package dev.ballast.api.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token hashes the database confirmed, each trusted for a while ({@code ballast.http.token-cache-ttl})
 * so a request need not query the database. A token revoked in the database stops working when its
 * entry expires at the latest, and at once when {@link #invalidate} or {@link #clear} is called (a
 * change of tokens calls them).
 */
public final class TokenCache {
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Instant> confirmedUntil = new ConcurrentHashMap<>();

  public TokenCache(Clock clock, Duration ttl) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("token-cache-ttl must not be negative, got " + ttl);
    }
    this.clock = clock;
    this.ttl = ttl;
  }

  /** True when this hash was confirmed less than the time to live ago. */
  public boolean isConfirmed(String hash) {
    Instant until = confirmedUntil.get(hash);
    if (until == null) {
      return false;
    }
    if (!clock.instant().isBefore(until)) {
      confirmedUntil.remove(hash, until);
      return false;
    }
    return true;
  }

  /** Remembers that the database knows this hash now. */
  public void confirm(String hash) {
    if (!ttl.isZero()) {
      confirmedUntil.put(hash, clock.instant().plus(ttl));
    }
  }

  /** Forgets one token, e.g. when it is revoked. */
  public void invalidate(String hash) {
    confirmedUntil.remove(hash);
  }

  /** Forgets every token, e.g. when the tokens were changed outside this server. */
  public void clear() {
    confirmedUntil.clear();
  }

  /** How many hashes are remembered (expired ones may be counted until they are next asked for). */
  public int size() {
    return confirmedUntil.size();
  }
}
