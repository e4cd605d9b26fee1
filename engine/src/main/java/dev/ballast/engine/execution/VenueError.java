package dev.ballast.engine.execution;

import java.time.Duration;
import java.util.Optional;

/** Why a {@link VenueGateway} call did not do what was asked. */
public sealed interface VenueError {

  /** A sentence for logs and the order's history; never holds a key or a signature. */
  String message();

  /**
   * The venue refused the order for a reason of its own (a filter such as minimum notional or lot
   * size, a closed market); {@code venueCode} is the venue's code ({@code -1013}), null when none.
   */
  record Rejected(String reason, String venueCode) implements VenueError {
    @Override
    public String message() {
      return "rejected" + (venueCode == null ? "" : " (" + venueCode + ")") + ": " + reason;
    }
  }

  /** The venue refused for now (HTTP 429, Binance -1003); {@code retryAfter} is null when it did not say. */
  record RateLimited(Duration retryAfter) implements VenueError {
    public Optional<Duration> retryAfterDelay() {
      return Optional.ofNullable(retryAfter);
    }

    @Override
    public String message() {
      return "rate limited" + (retryAfter == null ? "" : ", retry after " + retryAfter);
    }
  }

  /** Not enough of the asset to sell or of the cash to buy (Binance -2010 on balance). */
  record InsufficientFunds(String reason) implements VenueError {
    @Override
    public String message() {
      return "insufficient funds: " + reason;
    }
  }

  /** The venue has no order with this client id (a cancel or a lookup of an order it never got). */
  record UnknownOrder(ClientOrderId id) implements VenueError {
    @Override
    public String message() {
      return "unknown order " + id;
    }
  }

  /** The venue already has an order with this client id: nothing new was placed. */
  record DuplicateOrder(ClientOrderId id) implements VenueError {
    @Override
    public String message() {
      return "duplicate client order id " + id;
    }
  }

  /**
   * The venue could not be reached or failed. {@code maybeReceived} is true when the request may
   * have reached it (a 5xx or a timeout after sending): the outcome is unknown, and the order must be
   * looked up by its client id before it is sent again, never retried blind.
   */
  record Unavailable(String reason, boolean maybeReceived) implements VenueError {
    @Override
    public String message() {
      return "unavailable" + (maybeReceived ? " (the request may have been received)" : "") + ": " + reason;
    }
  }
}
