package dev.ballast.persistence.query;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** A recorded transaction: its ledger id, account, position in the account, and the transaction as recorded. */
public record TransactionRow(String transactionId, String accountId, long seq, @JsonRawValue String transaction) {}
