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

  /**
   * The key under which a ledger remembers the record: the source's length, a colon, the source,
   * then the external id. The length says where the source ends, so no two references share a key
   * whatever characters they hold.
   */
  public String key() {
    return keyPrefix(source) + externalId;
  }

  /** The start of the key of every record of a source. */
  public static String keyPrefix(String source) {
    return source.length() + ":" + source;
  }

  /** The reference a {@link #key()} was made from. */
  public static ExternalRef fromKey(String key) {
    int colon = key.indexOf(':');
    int length;
    try {
      length = colon < 1 ? -1 : Integer.parseInt(key.substring(0, colon));
    } catch (NumberFormatException e) {
      length = -1;
    }
    if (length < 0 || colon + 1 + length > key.length()) {
      throw new IllegalArgumentException("not a reference key: " + key);
    }
    int end = colon + 1 + length;
    return new ExternalRef(key.substring(colon + 1, end), key.substring(end));
  }

  @Override
  public String toString() {
    return source + ":" + externalId;
  }
}
