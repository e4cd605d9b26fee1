package dev.ballast.adapters.marketdata;

import java.time.Instant;

/**
 * What {@code prices status} shows of one source: the last answer, the last failure and the state
 * of its circuit breaker ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}).
 *
 * @param lastSuccess null when no call succeeded yet
 * @param lastError the last failure's message, never holding a key; null when none
 */
public record SourceStatus(String source, Instant lastSuccess, Instant lastErrorAt, String lastError, String breakerState) {}
