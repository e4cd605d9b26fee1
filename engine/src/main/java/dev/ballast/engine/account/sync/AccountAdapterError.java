package dev.ballast.engine.account.sync;

import java.time.Duration;
import java.util.Optional;

/** Why an {@link AccountAdapter} gave no answer. No variant ever carries a key, a secret or a token. */
public sealed interface AccountAdapterError {

  String message();

  /** The venue refused for now (429, Binance -1003, Kraken EAPI:Rate limit exceeded); null retryAfter when it did not say. */
  record RateLimited(Duration retryAfter) implements AccountAdapterError {
    public Optional<Duration> retryAfterDelay() {
      return Optional.ofNullable(retryAfter);
    }

    @Override
    public String message() {
      return "rate limited" + (retryAfter == null ? "" : ", retry after " + retryAfter);
    }
  }

  /** The venue refused the credentials (a wrong or revoked key, a bad signature, an expired token). */
  record AuthenticationFailed(String reason) implements AccountAdapterError {
    @Override
    public String message() {
      return "authentication failed: " + reason;
    }
  }

  /** The venue could not be reached or answered with a server error or a timeout. */
  record Unavailable(String reason) implements AccountAdapterError {
    @Override
    public String message() {
      return "unavailable: " + reason;
    }
  }

  /** The venue answered with something the adapter cannot map (a new field type, an unknown row kind). */
  record Malformed(String reason) implements AccountAdapterError {
    @Override
    public String message() {
      return "malformed answer: " + reason;
    }
  }
}
