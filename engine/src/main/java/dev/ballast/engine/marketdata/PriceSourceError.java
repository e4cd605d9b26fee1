package dev.ballast.engine.marketdata;

import java.time.Duration;
import java.util.Optional;

/** Why a {@link PriceSource} gave no answer. */
public sealed interface PriceSourceError {

  /** A sentence for logs and status pages. */
  String message();

  /** The source has no such instrument (an unknown symbol, a delisted coin). */
  record UnknownInstrument(InstrumentId instrument) implements PriceSourceError {
    @Override
    public String message() {
      return "unknown instrument " + instrument;
    }
  }

  /** The source refused for now (HTTP 429, Binance -1003); {@code retryAfter} is null when it did not say. */
  record RateLimited(Duration retryAfter) implements PriceSourceError {
    public Optional<Duration> retryAfterDelay() {
      return Optional.ofNullable(retryAfter);
    }

    @Override
    public String message() {
      return "rate limited" + (retryAfter == null ? "" : ", retry after " + retryAfter);
    }
  }

  /** The source could not be reached or answered with a server error or a timeout. */
  record Unavailable(String reason) implements PriceSourceError {
    @Override
    public String message() {
      return "unavailable: " + reason;
    }
  }

  /** The source answered with something that is not the format it documents. */
  record Malformed(String reason) implements PriceSourceError {
    @Override
    public String message() {
      return "malformed answer: " + reason;
    }
  }
}
