package dev.ballast.engine.planner;

import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a venue charges and accepts: a fee as a fraction of the order's value, the smallest order
 * value it takes, and the number of decimals of a quantity (0 for whole shares).
 */
public record VenueRule(String venue, BigDecimal feeRate, Money minimumOrder, int quantityScale) {

  public VenueRule {
    Objects.requireNonNull(venue, "venue");
    Objects.requireNonNull(feeRate, "feeRate");
    Objects.requireNonNull(minimumOrder, "minimumOrder");
    if (feeRate.signum() < 0 || feeRate.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("venue " + venue + ": fee-rate must be within 0..1, got " + feeRate);
    }
    if (minimumOrder.signum() < 0) {
      throw new IllegalArgumentException("venue " + venue + ": minimum-order must not be negative, got " + minimumOrder);
    }
    if (quantityScale < 0 || quantityScale > 18) {
      throw new IllegalArgumentException("venue " + venue + ": quantity-scale must be within 0..18, got " + quantityScale);
    }
  }
}
