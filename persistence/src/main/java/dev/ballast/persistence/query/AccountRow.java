package dev.ballast.persistence.query;

import java.time.Instant;

/** An account as the read side lists it; {@code costMethod} is a {@code CostMethod} name. */
public record AccountRow(
    String accountId, String name, String kind, String provider, String currency, String taxWrapper,
    boolean allowShort, Instant openedAt, long transactionCount, String costMethod) {}
