package dev.ballast.api.http.assets;

import dev.ballast.engine.model.Asset;
import java.util.Map;
import java.util.TreeMap;

/** An asset of the catalog as the API shows it. */
public record AssetResponse(String id, String name, String assetClass, String quoteCurrency, Map<String, String> identifiers) {

  public static AssetResponse of(Asset asset) {
    return new AssetResponse(asset.id().value(), asset.name(), asset.assetClass().name(), asset.quoteCurrency().value(),
        new TreeMap<>(asset.identifiers()));
  }
}
