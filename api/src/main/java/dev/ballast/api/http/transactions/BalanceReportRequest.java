package dev.ballast.api.http.transactions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** {@code POST /api/accounts/{id}/balances}: what a venue says the account holds, as of an instant. */
public record BalanceReportRequest(String source, Instant asOf, Map<String, BigDecimal> balances) {}
