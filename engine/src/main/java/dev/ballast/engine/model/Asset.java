package dev.ballast.engine.model;

import java.util.Map;
import java.util.Objects;

/**
 * An asset as the whole system knows it.
 *
 * @param identifiers other names of the same asset: {@code isin}, {@code yahoo}, and venue symbols
 *     keyed {@code venue:binance} and so on; adapters map their symbols through these.
 */
public record Asset(
    AssetId id, String name, AssetClass assetClass, AssetId quoteCurrency, Map<String, String> identifiers) {

  public Asset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(assetClass, "assetClass");
    Objects.requireNonNull(quoteCurrency, "quoteCurrency");
    name = name == null || name.isBlank() ? id.value() : name;
    identifiers = identifiers == null ? Map.of() : Map.copyOf(identifiers);
  }
}
