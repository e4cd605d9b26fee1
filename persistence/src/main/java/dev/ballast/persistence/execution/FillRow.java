package dev.ballast.persistence.execution;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One fill of the trading read side: the price it was intended at and the price it got (both in
 * {@code priceCurrency}), the slippage in basis points (positive = worse than intended), the fee.
 *
 * @param recordedAt when the account's ledger confirmed its transaction; null until then
 */
public record FillRow(
    String fillId, String accountId, String clientOrderId, String portfolioId, String decisionId, String venue, String venueOrderId,
    String instrument, String side, BigDecimal quantity, BigDecimal intendedPrice, BigDecimal fillPrice, String priceCurrency,
    BigDecimal slippageBps, BigDecimal fee, String feeCurrency, Instant filledAt, Instant recordedAt) {}
