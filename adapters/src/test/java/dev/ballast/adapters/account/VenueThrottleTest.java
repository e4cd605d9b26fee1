package dev.ballast.adapters.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VenueThrottleTest {

  /** Sends {@code n} requests one after another (each once the last answered), as a sync does; the times they left. */
  private static List<Long> sequential(VenueThrottle throttle, int n, int cost) throws Exception {
    List<Long> sent = new ArrayList<>();
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int i = 0; i < n; i++) {
      chain = chain.thenCompose(v -> throttle.call(cost, () -> {
        synchronized (sent) {
          sent.add(System.nanoTime());
        }
        return CompletableFuture.completedFuture(null);
      }));
    }
    chain.get(30, TimeUnit.SECONDS);
    return sent;
  }

  private static int mostInAnyWindow(List<Long> times, Duration window) {
    int most = 0;
    for (int i = 0; i < times.size(); i++) {
      int in = 0;
      for (long t : times) {
        if (t >= times.get(i) && t - times.get(i) < window.toNanos()) {
          in++;
        }
      }
      most = Math.max(most, in);
    }
    return most;
  }

  @Test
  void requestsArePacedToThePointsOfEachPeriodAndNeverMoreThanTwoPeriodsWorthInAnyWindow() throws Exception {
    List<Long> sent = sequential(VenueThrottle.of("t", new VenueThrottle.Limit(2, Duration.ofMillis(200))), 9, 1);
    assertEquals(9, sent.size());
    assertTrue(mostInAnyWindow(sent, Duration.ofMillis(200)) <= 4, "at most two periods' points in a period's time");
    // nine requests at two a period need at least four periods after the first
    assertTrue(sent.get(8) - sent.get(0) >= Duration.ofMillis(4 * 200 - 20).toNanos(), "paced: " + (sent.get(8) - sent.get(0)) / 1_000_000 + " ms");
  }

  @Test
  void aRequestCostingMorePointsThanAPeriodGivesWaitsForAsManyPeriods() throws Exception {
    // Kraken's Ledgers costs 2 of a counter that gets 1 back every period
    List<Long> sent = sequential(VenueThrottle.of("t", new VenueThrottle.Limit(1, Duration.ofMillis(100))), 4, 2);
    assertTrue(sent.get(3) - sent.get(0) >= Duration.ofMillis(5 * 100 - 20).toNanos(), "2 periods per request: " + (sent.get(3) - sent.get(0)) / 1_000_000);
  }

  @Test
  void oneThrottlePerVenueAndKeySharedAcrossAdaptersAndAnotherKeyHasItsOwn() {
    VenueThrottle.Limit limit = new VenueThrottle.Limit(5, Duration.ofSeconds(1));
    VenueThrottle a = VenueThrottle.shared("kraken", "key-one", limit);
    assertSame(a, VenueThrottle.shared("kraken", "key-one", limit));
    assertNotSame(a, VenueThrottle.shared("kraken", "key-two", limit));
    assertNotSame(a, VenueThrottle.shared("binance", "key-one", limit));
  }

  @Test
  void aLimitIsWrittenAsPointsPerPeriod() {
    assertEquals(new VenueThrottle.Limit(20, Duration.ofSeconds(1)), VenueThrottle.Limit.parse("20/1s"));
    assertEquals(new VenueThrottle.Limit(1, Duration.ofSeconds(3)), VenueThrottle.Limit.parse("1/3s"));
    assertEquals(new VenueThrottle.Limit(1200, Duration.ofMinutes(1)), VenueThrottle.Limit.parse("1200/1m"));
    assertEquals(new VenueThrottle.Limit(3, Duration.ofMillis(250)), VenueThrottle.Limit.parse("3/250ms"));
    for (String bad : List.of("fast", "0/1s", "5/0s", "5/1h", "/1s", "5/")) {
      assertThrows(IllegalArgumentException.class, () -> VenueThrottle.Limit.parse(bad), bad);
    }
  }
}
