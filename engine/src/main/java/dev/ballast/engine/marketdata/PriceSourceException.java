package dev.ballast.engine.marketdata;

import java.util.Objects;

/** The failure a {@link PriceSource} stage completes with: the source and the typed error. */
public final class PriceSourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final transient PriceSourceError error;

  public PriceSourceException(String source, PriceSourceError error) {
    super(source + ": " + error.message());
    this.source = Objects.requireNonNull(source, "source");
    this.error = error;
  }

  public String source() {
    return source;
  }

  public PriceSourceError error() {
    return error;
  }
}
