package dev.ballast.engine.report;

import dev.ballast.engine.execution.Fill;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A venue fill with where it happened and the price it was intended at (the decision or arrival
 * price of its order); {@code intendedPrice} is null when the order had none (a manual order).
 */
public record IntendedFill(String accountId, String venue, Fill fill, BigDecimal intendedPrice) {
  public IntendedFill {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(venue, "venue");
    Objects.requireNonNull(fill, "fill");
    if (intendedPrice != null && intendedPrice.signum() <= 0) {
      throw new IllegalArgumentException("fill " + fill.id().value() + ", field intendedPrice: not positive: " + intendedPrice);
    }
  }
}
