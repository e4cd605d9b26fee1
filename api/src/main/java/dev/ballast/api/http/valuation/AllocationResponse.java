package dev.ballast.api.http.valuation;

import dev.ballast.engine.marketdata.valuation.Allocation;
import java.math.BigDecimal;
import java.util.List;

/** {@code GET /api/valuation/portfolios/{id}/allocation}: current weights against the target, per key. */
public record AllocationResponse(String portfolio, String date, String currency, String scope, String kind, BigDecimal total,
    int unvalued, List<Allocation.Row> rows) {}
