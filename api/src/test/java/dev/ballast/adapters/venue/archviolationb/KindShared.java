package dev.ballast.adapters.venue.archviolationb;

import dev.ballast.adapters.statement.LineDecodingReader;

/** Keeps ADAPTER_PACKAGES_ARE_INDEPENDENT: code a kind shares (its own package) may be used by every venue. */
public final class KindShared {
  public static Class<?> shared() {
    return LineDecodingReader.class;
  }
}
