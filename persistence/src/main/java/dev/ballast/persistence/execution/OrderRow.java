package dev.ballast.persistence.execution;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One order of the trading read side as it stands after its last event; prices are in
 * {@code priceCurrency}, the instrument's quote.
 *
 * @param portfolioId the portfolio of the decision it came from (null for an order without one)
 */
public record OrderRow(
    String accountId, String clientOrderId, String portfolioId, String decisionId, String intentId, String venue, String instrument,
    String side, String type, BigDecimal quantity, BigDecimal limitPrice, BigDecimal intendedPrice, String priceCurrency, String status,
    String venueOrderId, BigDecimal filledQuantity, int fillCount, String reason, Instant acceptedAt, Instant updatedAt) {}
