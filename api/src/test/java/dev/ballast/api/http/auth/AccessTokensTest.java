package dev.ballast.api.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Access tokens are taken only when signed with this key, unexpired and of this issuer. */
class AccessTokensTest {
  private static final byte[] KEY = new byte[32];
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

  static {
    Arrays.fill(KEY, (byte) 7);
  }

  private static AccessTokens at(Instant now) {
    return new AccessTokens(KEY, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(15));
  }

  @Test
  void aTokenIsGoodUntilItExpires() {
    String token = at(NOW).issue("ada", Role.TRADER);
    assertEquals(new Principal("ada", Role.TRADER, Principal.Kind.USER), at(NOW.plusSeconds(899)).verify(token).orElseThrow());
    assertTrue(at(NOW.plusSeconds(900)).verify(token).isEmpty(), "expired at 15 minutes");
  }

  @Test
  void anotherKeyOrAnUnsignedTokenIsRefused() {
    byte[] other = KEY.clone();
    other[0] = 8;
    String token = new AccessTokens(other, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(15)).issue("ada", Role.ADMIN);
    assertTrue(at(NOW).verify(token).isEmpty());
    String[] parts = at(NOW).issue("ada", Role.VIEWER).split("\\.");
    String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
    assertTrue(at(NOW).verify(none + "." + parts[1] + ".").isEmpty(), "alg none");
    assertTrue(at(NOW).verify("a.b.c").isEmpty());
    // the role claim of a well-signed token changed by hand breaks the signature
    String claims = new String(Base64.getUrlDecoder().decode(parts[1])).replace("VIEWER", "ADMIN");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes()) + "." + parts[2];
    assertTrue(at(NOW).verify(forged).isEmpty());
  }
}
