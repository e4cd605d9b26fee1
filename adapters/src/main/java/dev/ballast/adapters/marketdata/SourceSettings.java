package dev.ballast.adapters.marketdata;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How one price source is reached: its base URL ({@code ballast.market-data.<source>.base-url}),
 * timeouts, retries, rate limit and circuit breaker.
 *
 * @param maxAttempts tries of one request in all, the first included
 * @param maxRetryWait the longest a retry waits (a longer Retry-After fails the call instead)
 * @param requestsPerPeriod requests allowed per {@code limitPeriod}; a request beyond waits up to
 *     {@code limitWait} for a permit
 * @param breakerWindow the last calls the breaker looks at; it opens when half of them failed (at
 *     least {@code breakerWindow} calls seen) and stays open for {@code breakerOpenFor}
 */
public record SourceSettings(
    String name, URI baseUrl, Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration initialBackoff,
    Duration maxRetryWait, int requestsPerPeriod, Duration limitPeriod, Duration limitWait, int breakerWindow,
    Duration breakerOpenFor, String userAgent) {

  public SourceSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (maxAttempts < 1 || requestsPerPeriod < 1 || breakerWindow < 1) {
      throw new IllegalArgumentException(name + ": maxAttempts, requestsPerPeriod and breakerWindow must be at least 1");
    }
    String url = baseUrl.toString();
    // a base URL is joined with paths: without the trailing slash "/api" + "v3/..." would lose a segment
    baseUrl = url.endsWith("/") ? baseUrl : URI.create(url + "/");
  }

  /** The defaults of a source at {@code baseUrl}: 5 s connect, 10 s read, 3 tries, 5 requests a second. */
  public static SourceSettings defaults(String name, URI baseUrl) {
    return new SourceSettings(name, baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(10), 3, Duration.ofMillis(500),
        Duration.ofSeconds(60), 5, Duration.ofSeconds(1), Duration.ofSeconds(30), 10, Duration.ofSeconds(60),
        "Mozilla/5.0 (X11; Linux x86_64) Ballast");
  }

  public SourceSettings withTimeouts(Duration connect, Duration read) {
    return new SourceSettings(name, baseUrl, connect, read, maxAttempts, initialBackoff, maxRetryWait, requestsPerPeriod,
        limitPeriod, limitWait, breakerWindow, breakerOpenFor, userAgent);
  }

  public SourceSettings withRetries(int attempts, Duration backoff, Duration maxWait) {
    return new SourceSettings(name, baseUrl, connectTimeout, readTimeout, attempts, backoff, maxWait, requestsPerPeriod,
        limitPeriod, limitWait, breakerWindow, breakerOpenFor, userAgent);
  }

  public SourceSettings withRateLimit(int requests, Duration period, Duration wait) {
    return new SourceSettings(name, baseUrl, connectTimeout, readTimeout, maxAttempts, initialBackoff, maxRetryWait, requests,
        period, wait, breakerWindow, breakerOpenFor, userAgent);
  }

  public SourceSettings withBreaker(int window, Duration openFor) {
    return new SourceSettings(name, baseUrl, connectTimeout, readTimeout, maxAttempts, initialBackoff, maxRetryWait,
        requestsPerPeriod, limitPeriod, limitWait, window, openFor, userAgent);
  }
}
