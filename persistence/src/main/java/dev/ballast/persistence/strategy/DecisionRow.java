package dev.ballast.persistence.strategy;

import java.time.Instant;

/**
 * One decision of the trading read side with the JSON of its events: {@code decidedJson} the
 * {@code RebalanceDecided} (inputs and plan), {@code screenedJson} the {@code IntentsScreened} or
 * null (a dry run, or not yet screened).
 */
public record DecisionRow(
    String decisionId, String portfolioId, long seq, String policy, String mode, Instant decidedAt, int intentCount, boolean outsideBand,
    int problemCount, Instant screenedAt, Integer passedCount, Integer rejectedCount, Instant deliveredAt, String decidedJson,
    String screenedJson) {}
