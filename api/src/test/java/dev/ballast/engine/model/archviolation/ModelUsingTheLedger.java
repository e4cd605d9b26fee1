package dev.ballast.engine.model.archviolation;

import dev.ballast.engine.ledger.LedgerBook;

/** Breaks THE_MODEL_DEPENDS_ON_NOTHING_ELSE_IN_THE_ENGINE on purpose. */
public record ModelUsingTheLedger(LedgerBook book) {}
