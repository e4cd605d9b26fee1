package dev.ballast.engine.analytics.account;

import dev.ballast.engine.model.Transaction;

/** One recorded transaction of an account with the ledger id it was recorded under, in ledger order. */
public record LedgerEntry(String transactionId, Transaction transaction) {

    public LedgerEntry {
        if (transactionId == null || transactionId.isBlank()) {
            throw new IllegalArgumentException("transactionId: missing");
        }
        if (transaction == null) {
            throw new IllegalArgumentException("transaction " + transactionId + ": missing");
        }
    }
}
