package dev.ballast.engine.model;

/** Thrown when two amounts in different currencies are added or compared without conversion. */
public final class CurrencyMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CurrencyMismatchException(AssetId left, AssetId right) {
    super("currency mismatch: " + left + " and " + right + " cannot be combined without conversion");
  }
}
