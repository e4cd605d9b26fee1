package dev.ballast.api.http.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/accounts/{id}/reconciliation}: per asset, what the ledger holds against what the
 * latest holdings statements (or balance reports) said, and the difference (statement - ledger).
 * {@code statement} is null for an asset the ledger holds and no statement named.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconciliationResponse(String account, Map<String, Instant> reportedAsOf, List<Line> assets, boolean balanced) {

  public record Line(String asset, BigDecimal ledger, BigDecimal statement, BigDecimal difference) {}
}
