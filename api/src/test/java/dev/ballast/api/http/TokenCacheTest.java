package dev.ballast.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  /** A clock a test moves by hand. */
  static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aConfirmedTokenIsTrustedUntilItsEntryExpires() {
    ManualClock clock = new ManualClock();
    TokenCache cache = new TokenCache(clock, Duration.ofSeconds(60));
    assertFalse(cache.isConfirmed("h1"));
    cache.confirm("h1");
    assertTrue(cache.isConfirmed("h1"));
    clock.advance(Duration.ofSeconds(59));
    assertTrue(cache.isConfirmed("h1"));
    clock.advance(Duration.ofSeconds(1));
    assertFalse(cache.isConfirmed("h1"), "after 60 s the database must be asked again");
    assertEquals(0, cache.size(), "the expired entry is gone");
  }

  @Test
  void invalidatingForgetsAtOnce() {
    TokenCache cache = new TokenCache(new ManualClock(), Duration.ofMinutes(5));
    cache.confirm("h1");
    cache.confirm("h2");
    cache.invalidate("h1");
    assertFalse(cache.isConfirmed("h1"));
    assertTrue(cache.isConfirmed("h2"));
    cache.clear();
    assertFalse(cache.isConfirmed("h2"));
  }

  @Test
  void aZeroTimeToLiveCachesNothing() {
    TokenCache cache = new TokenCache(new ManualClock(), Duration.ZERO);
    cache.confirm("h1");
    assertFalse(cache.isConfirmed("h1"));
    assertThrows(IllegalArgumentException.class, () -> new TokenCache(new ManualClock(), Duration.ofSeconds(-1)));
  }
}
