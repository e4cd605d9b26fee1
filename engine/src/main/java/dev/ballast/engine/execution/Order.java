package dev.ballast.engine.execution;

import dev.ballast.engine.model.Quantity;
import java.time.Instant;
import java.util.Objects;

/**
 * An order as the venue reports it: what was asked, the venue's id, its status and how much has
 * filled. The report a gateway gives after a submit, a cancel or a lookup, and what reconciliation
 * after a restart compares with the journal.
 */
public record Order(OrderRequest request, VenueOrderId venueOrderId, OrderStatus status, Quantity filledQuantity, Instant updatedAt) {

  public Order {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(venueOrderId, "venueOrderId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(updatedAt, "updatedAt");
    String where = "order " + request.id();
    if (filledQuantity == null || filledQuantity.signum() < 0) {
      throw new IllegalArgumentException(where + ", field filledQuantity: negative or missing: " + filledQuantity);
    }
    int filled = filledQuantity.compareTo(request.quantity());
    if (filled > 0) {
      throw new IllegalArgumentException(where + ", field filledQuantity: " + filledQuantity + " is more than the order's " + request.quantity());
    }
    if ((status == OrderStatus.FILLED) != (filled == 0)) {
      throw new IllegalArgumentException(where + ": status " + status + " with " + filledQuantity + " of " + request.quantity() + " filled");
    }
    if (status == OrderStatus.PARTIALLY_FILLED && filledQuantity.signum() == 0) {
      throw new IllegalArgumentException(where + ": PARTIALLY_FILLED with nothing filled");
    }
  }

  public ClientOrderId id() {
    return request.id();
  }

  public Quantity remainingQuantity() {
    return new Quantity(request.quantity().value().subtract(filledQuantity.value()));
  }
}
