package dev.ballast.engine.model;

/**
 * Where a record came from and its id there ({@code rakuten-csv} + the statement's row id, or
 * {@code binance-api} + the trade id). The pair makes recording idempotent.
 */
public record ExternalRef(String source, String externalId) {
  public ExternalRef {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source must not be blank");
    }
    if (externalId == null || externalId.isBlank()) {
      throw new IllegalArgumentException("externalId must not be blank");
    }
  }

  /** The key under which a ledger remembers the record. */
  public String key() {
    return source + "\u001f" + externalId;
  }

  @Override
  public String toString() {
    return source + ":" + externalId;
  }
}
