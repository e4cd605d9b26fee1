package dev.ballast.adapters.marketdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.PriceSourceException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The HTTP half every price source shares: GET over {@code java.net.http} with connect and read
 * timeouts, behind a resilience4j rate limiter, circuit breaker and retry. A 429/418 or 5xx is
 * retried with exponential backoff, or after the Retry-After the source named; the adapter reads
 * every other answer. Failures reach the caller as {@link PriceSourceException}s only.
 */
public final class SourceClient implements AutoCloseable {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final SourceSettings settings;
  private final HttpClient http;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final RateLimiter limiter;
  private final CircuitBreaker breaker;
  private final Retry retry;
  private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
  private final AtomicReference<Failure> lastFailure = new AtomicReference<>();

  private record Failure(Instant at, String message) {}

  public SourceClient(SourceSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "price-source-" + settings.name());
      t.setDaemon(true);
      return t;
    });
    this.limiter = RateLimiter.of(settings.name(), RateLimiterConfig.custom()
        .limitForPeriod(settings.requestsPerPeriod())
        .limitRefreshPeriod(settings.limitPeriod())
        .timeoutDuration(settings.limitWait())
        .build());
    this.breaker = CircuitBreaker.of(settings.name(), CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(settings.breakerWindow())
        .minimumNumberOfCalls(settings.breakerWindow())
        .failureRateThreshold(50)
        .waitDurationInOpenState(settings.breakerOpenFor())
        .permittedNumberOfCallsInHalfOpenState(1)
        // an unknown symbol or a rate limit says nothing about whether the source is alive
        .recordException(e -> error(e) instanceof PriceSourceError.Unavailable)
        .build());
    this.retry = Retry.of(settings.name(), RetryConfig.custom()
        .maxAttempts(settings.maxAttempts())
        .retryOnException(this::retryable)
        .intervalBiFunction((IntervalBiFunction<Object>) (attempt, outcome) -> waitMillis(attempt, outcome.isLeft() ? outcome.getLeft() : null))
        .build());
  }

  public String name() {
    return settings.name();
  }

  public SourceSettings settings() {
    return settings;
  }

  /** Last success, last error and breaker state, for {@code prices status}. */
  public SourceStatus status() {
    Failure f = lastFailure.get();
    return new SourceStatus(settings.name(), lastSuccess.get(), f == null ? null : f.at(), f == null ? null : f.message(),
        breaker.getState().name());
  }

  /**
   * GETs {@code pathAndQuery} (relative to the base URL) and gives every answer that is not a rate
   * limit or server error to {@code read}, which returns the value or throws a
   * {@link PriceSourceException} (an unknown symbol, a malformed body).
   */
  public <T> CompletionStage<T> get(String pathAndQuery, Function<HttpAnswer, T> read) {
    URI uri = settings.baseUrl().resolve(pathAndQuery);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.readTimeout()).header("Accept", "application/json")
        .header("User-Agent", settings.userAgent()).GET().build();
    Supplier<CompletionStage<T>> attempt = () -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, thrown) -> {
          if (thrown != null) {
            throw fail(unreachable(thrown));
          }
          int status = response.statusCode();
          if (status == 429 || status == 418) {
            throw fail(new PriceSourceError.RateLimited(retryAfter(response, clock.instant()).orElse(null)));
          }
          if (status >= 500) {
            throw fail(new PriceSourceError.Unavailable("HTTP " + status));
          }
          return read.apply(new HttpAnswer(status, response.body()));
        });
    Supplier<CompletionStage<T>> guarded = Retry.decorateCompletionStage(retry, scheduler,
        CircuitBreaker.decorateCompletionStage(breaker, RateLimiter.decorateCompletionStage(limiter, attempt)));
    CompletionStage<T> stage;
    try {
      stage = guarded.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage.handle((value, thrown) -> {
      if (thrown == null) {
        lastSuccess.set(clock.instant());
        return value;
      }
      PriceSourceException e = asSourceException(thrown);
      lastFailure.set(new Failure(clock.instant(), e.error().message()));
      throw e;
    });
  }

  /** Reads a JSON body into {@code type}; a truncated or invalid body is {@link PriceSourceError.Malformed}. */
  public <T> T json(HttpAnswer answer, Class<T> type) {
    try {
      T value = JSON.readValue(answer.body(), type);
      if (value == null) {
        throw fail(new PriceSourceError.Malformed("empty body (HTTP " + answer.status() + ")"));
      }
      return value;
    } catch (JsonProcessingException e) {
      throw fail(new PriceSourceError.Malformed("not valid JSON (HTTP " + answer.status() + "): " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw fail(new PriceSourceError.Malformed("unreadable body: " + e.getMessage()));
    }
  }

  /** The mapper adapters read trees with: floats as exact BigDecimals. */
  public static ObjectMapper mapper() {
    return JSON;
  }

  public PriceSourceException fail(PriceSourceError error) {
    return new PriceSourceException(settings.name(), error);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  // ---- retry policy -------------------------------------------------------------------------

  private boolean retryable(Throwable thrown) {
    PriceSourceError error = error(thrown);
    if (error instanceof PriceSourceError.RateLimited limited) {
      return limited.retryAfterDelay().map(d -> d.compareTo(settings.maxRetryWait()) <= 0).orElse(true);
    }
    return error instanceof PriceSourceError.Unavailable;
  }

  private long waitMillis(int attempt, Throwable thrown) {
    if (error(thrown) instanceof PriceSourceError.RateLimited limited && limited.retryAfter() != null) {
      return limited.retryAfter().toMillis();
    }
    long backoff = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 16);
    return Math.min(backoff, settings.maxRetryWait().toMillis());
  }

  // ---- errors -------------------------------------------------------------------------------

  private static Throwable unwrap(Throwable thrown) {
    Throwable t = thrown;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static PriceSourceError error(Throwable thrown) {
    return unwrap(thrown) instanceof PriceSourceException e ? e.error() : null;
  }

  private PriceSourceException asSourceException(Throwable thrown) {
    Throwable t = unwrap(thrown);
    if (t instanceof PriceSourceException e) {
      return e;
    }
    if (t instanceof CallNotPermittedException) {
      return fail(new PriceSourceError.Unavailable("circuit breaker open after repeated failures; calls resume after "
          + settings.breakerOpenFor().toSeconds() + "s"));
    }
    if (t instanceof RequestNotPermitted) {
      return fail(new PriceSourceError.RateLimited(null));
    }
    return fail(new PriceSourceError.Unavailable(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage())));
  }

  private PriceSourceError unreachable(Throwable thrown) {
    Throwable t = unwrap(thrown);
    if (t instanceof HttpTimeoutException) {
      return new PriceSourceError.Unavailable("no answer within " + settings.readTimeout().toMillis() + " ms");
    }
    if (t instanceof ConnectException) {
      return new PriceSourceError.Unavailable("connection refused");
    }
    return new PriceSourceError.Unavailable(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
  }

  /** Retry-After as delay-seconds or an HTTP date (RFC 9110). */
  static Optional<Duration> retryAfter(HttpResponse<?> response, Instant now) {
    return response.headers().firstValue("Retry-After").flatMap(v -> parseRetryAfter(v, now));
  }

  /** @param now the client's clock, so an HTTP date is a delay from the time the tests control */
  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
