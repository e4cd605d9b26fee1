package dev.ballast.engine.statement;

import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import java.util.Objects;
import java.util.Optional;

/**
 * One transaction read from a statement, with the file line it starts on (a trade a format writes as
 * several lines names its first) and the tax wrapper of the account it belongs to when the file
 * says (Rakuten's 口座区分: 特定, 一般, NISA).
 *
 * <p>The transaction always carries a source and an external id (the venue's id, or a stable hash of
 * the normalised row with its occurrence count), so importing the same file twice records nothing new.
 */
public record StatementRow(int line, Transaction transaction, TaxWrapper wrapper) {

  public StatementRow {
    if (line < 1) {
      throw new IllegalArgumentException("statement row: line must be 1 or more, got " + line);
    }
    Objects.requireNonNull(transaction, "transaction");
    try {
      transaction.ref();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("statement row at line " + line + ": " + e.getMessage() + " (every imported row needs its source and external id)");
    }
  }

  /** A row of a file that does not tell account types apart. */
  public static StatementRow of(int line, Transaction transaction) {
    return new StatementRow(line, transaction, null);
  }

  public Optional<TaxWrapper> taxWrapper() {
    return Optional.ofNullable(wrapper);
  }
}
