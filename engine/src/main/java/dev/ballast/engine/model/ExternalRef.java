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
    return keyPrefix(source) + externalId;
  }

  /** The start of the key of every record of a source. */
  public static String keyPrefix(String source) {
    return source + "\u001f";
  }

  /** The reference a {@link #key()} was made from. */
  public static ExternalRef fromKey(String key) {
    int separator = key.indexOf('\u001f');
    if (separator < 0) {
      throw new IllegalArgumentException("not a reference key: " + key);
    }
    return new ExternalRef(key.substring(0, separator), key.substring(separator + 1));
  }

  @Override
  public String toString() {
    return source + ":" + externalId;
  }
}
