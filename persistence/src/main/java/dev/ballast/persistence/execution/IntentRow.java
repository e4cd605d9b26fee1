package dev.ballast.persistence.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One order intent of a decision as the trading read side knows it: the intent as planned
 * ({@code intent}: intentId, account, instrument, side, quantity, referencePrice, estimatedValue),
 * the risk gate's verdict ({@code PASSED}, {@code REJECTED} with the check and reason,
 * {@code NOT_SCREENED} in a dry run or before the screening), its client order id, and the order
 * it became, if the execution accepted one ({@code orderStatus} null otherwise).
 */
public record IntentRow(
    String intentId, String decisionId, String mode, Instant decidedAt, JsonNode intent, String verdict, String rejectedBy,
    String rejectionReason, String clientOrderId, String orderStatus, java.math.BigDecimal filledQuantity) {}
