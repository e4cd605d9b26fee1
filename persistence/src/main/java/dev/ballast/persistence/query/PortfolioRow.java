package dev.ballast.persistence.query;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/** A portfolio as the read side lists it; {@code target} is the allocation as JSON, or null. */
public record PortfolioRow(
    String portfolioId, String name, String baseCurrency, Instant createdAt, List<String> accounts, @JsonRawValue String target) {}
