package dev.ballast.engine.ledger;

/**
 * A transaction that cannot be applied to the ledger as it stands, with the field to blame. Thrown
 * by the pure ledger code and turned into a row error by the entity; never escapes an actor.
 */
public final class LedgerRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public LedgerRejection(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
