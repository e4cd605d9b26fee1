package dev.ballast.adapters.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.adapters.marketdata.LoopbackServer.Answer;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.PriceSourceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retry, Retry-After, timeouts, the rate limiter and the circuit breaker, against a loopback server. */
class SourceClientTest {
  private final LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200, "{\"ok\":true}"));
  private final List<AutoCloseable> open = new java.util.ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    server.close();
  }

  private SourceClient client(LoopbackServer at, SourceSettings tweak) {
    SourceClient client = new SourceClient(tweak, Clock.systemUTC());
    open.add(client);
    return client;
  }

  private SourceSettings fast(LoopbackServer at) {
    return SourceSettings.defaults("test", at.baseUrl())
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
        .withRetries(3, Duration.ofMillis(10), Duration.ofSeconds(5))
        .withBreaker(20, Duration.ofSeconds(60));
  }

  private static String ok(SourceClient client) {
    return await(client.get("v1/ping", HttpAnswer::text));
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static PriceSourceError failure(CompletionStage<?> stage) {
    CompletionException e = assertThrows(CompletionException.class, () -> await(stage));
    return assertInstanceOf(PriceSourceException.class, e.getCause()).error();
  }

  @Test
  void a429IsRetriedAfterTheRetryAfterTheSourceNamed() {
    server.thenAnswer(Answer.withHeader(429, "Retry-After", "1", "{}"));
    SourceClient client = client(server, fast(server));
    assertEquals("{\"ok\":true}", ok(client));
    List<LoopbackServer.Request> requests = server.requests();
    assertEquals(2, requests.size());
    Duration waited = Duration.between(requests.get(0).at(), requests.get(1).at());
    assertTrue(waited.compareTo(Duration.ofMillis(1000)) >= 0, "retried after " + waited + ", Retry-After said 1 s");
  }

  @Test
  void aRetryAfterLongerThanTheLongestWaitFailsAtOnceAsRateLimited() {
    server.thenAnswer(Answer.withHeader(429, "Retry-After", "120", "{}"));
    SourceClient client = client(server, fast(server));
    assertEquals(new PriceSourceError.RateLimited(Duration.ofSeconds(120)), failure(client.get("v1/ping", HttpAnswer::text)));
    assertEquals(1, server.requests().size());
  }

  @Test
  void serverErrorsAreRetriedWithBackoffUntilOneSucceeds() {
    server.thenAnswer(Answer.json(500, "oops"), Answer.json(503, "busy"));
    SourceClient client = client(server, fast(server));
    assertEquals("{\"ok\":true}", ok(client));
    assertEquals(3, server.requests().size());
    assertEquals("CLOSED", client.status().breakerState());
  }

  @Test
  void aSourceThatKeepsFailingFailsAfterItsAttemptsNamingTheStatus() {
    server.answering(uri -> Answer.json(500, "oops"));
    SourceClient client = client(server, fast(server));
    assertEquals(new PriceSourceError.Unavailable("HTTP 500"), failure(client.get("v1/ping", HttpAnswer::text)));
    assertEquals(3, server.requests().size());
    SourceStatus status = client.status();
    assertNull(status.lastSuccess());
    assertEquals("unavailable: HTTP 500", status.lastError());
  }

  @Test
  void anAnswerSlowerThanTheReadTimeoutIsUnavailable() {
    server.answering(uri -> Answer.stalled());
    SourceClient client = client(server, fast(server).withRetries(1, Duration.ofMillis(10), Duration.ofSeconds(5))
        .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));
    assertEquals(new PriceSourceError.Unavailable("no answer within 300 ms"), failure(client.get("v1/ping", HttpAnswer::text)));
  }

  @Test
  void theBreakerOpensOnADeadSourceAndTheCallsStopReachingIt() {
    server.answering(uri -> Answer.json(502, "down"));
    SourceClient client = client(server, fast(server).withRetries(1, Duration.ofMillis(10), Duration.ofSeconds(5))
        .withBreaker(2, Duration.ofSeconds(60)));
    failure(client.get("v1/ping", HttpAnswer::text));
    failure(client.get("v1/ping", HttpAnswer::text));
    assertEquals("OPEN", client.status().breakerState());
    assertEquals(new PriceSourceError.Unavailable("circuit breaker open after repeated failures; calls resume after 60s"),
        failure(client.get("v1/ping", HttpAnswer::text)));
    assertEquals(2, server.requests().size(), "an open breaker sends nothing");
  }

  @Test
  void aDeadSourceLeavesAnotherSourceAnswering() {
    server.answering(uri -> Answer.json(502, "down"));
    SourceClient dead = client(server, fast(server).withRetries(1, Duration.ofMillis(10), Duration.ofSeconds(5))
        .withBreaker(1, Duration.ofSeconds(60)));
    try (LoopbackServer other = new LoopbackServer().answering(uri -> Answer.json(200, "alive"))) {
      SourceClient alive = client(other, fast(other));
      failure(dead.get("v1/ping", HttpAnswer::text));
      assertEquals("OPEN", dead.status().breakerState());
      assertEquals("alive", ok(alive));
      assertEquals("CLOSED", alive.status().breakerState());
    }
  }

  @Test
  void requestsBeyondTheRateLimitAreRefusedWithoutReachingTheSource() {
    SourceClient client = client(server, fast(server).withRateLimit(2, Duration.ofSeconds(30), Duration.ZERO));
    ok(client);
    ok(client);
    assertEquals(new PriceSourceError.RateLimited(null), failure(client.get("v1/ping", HttpAnswer::text)));
    assertEquals(2, server.requests().size());
  }

  @Test
  void aTruncatedBodyIsMalformedAndNotRetried() {
    server.answering(uri -> Answer.json(200, "{\"prices\":[[1711670400000,"));
    SourceClient client = client(server, fast(server));
    PriceSourceError error = failure(client.get("v1/ping", a -> client.json(a, java.util.Map.class)));
    assertInstanceOf(PriceSourceError.Malformed.class, error);
    assertTrue(error.message().startsWith("malformed answer: not valid JSON (HTTP 200): Unexpected end-of-input"), error.message());
    assertEquals(1, server.requests().size());
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Instant now = Instant.parse("2015-10-21T07:27:30Z");
    assertEquals(Duration.ofSeconds(7), SourceClient.parseRetryAfter("7", now).orElseThrow());
    assertEquals(Duration.ofSeconds(30), SourceClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now).orElseThrow());
    assertEquals(Duration.ZERO, SourceClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now.plusSeconds(60)).orElseThrow());
    assertTrue(SourceClient.parseRetryAfter("soon", now).isEmpty());
  }
}
