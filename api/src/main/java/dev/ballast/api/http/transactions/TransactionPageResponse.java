package dev.ballast.api.http.transactions;

import java.util.List;

/** {@code GET /api/accounts/{id}/transactions}: one page of an account's recorded transactions. */
public record TransactionPageResponse(List<Item> items, long offset, int limit, long total) {

  /** A recorded transaction: its ledger id, account, position in the account, and the transaction. */
  public record Item(String transactionId, String accountId, long seq, TransactionResponse transaction) {}
}
