package dev.ballast.api.http.transactions;

import java.util.List;

/** {@code POST /api/accounts/{id}/transactions}: a batch, recorded whole or not at all. */
public record TransactionBatchRequest(List<TransactionRequest> transactions) {}
