package dev.ballast.api.http.assets;

import dev.ballast.engine.model.AssetClass;
import java.util.Map;

/** {@code POST /api/assets}: register an asset (again: replace its name, class, quote and identifiers). */
public record AssetRequest(String id, String name, AssetClass assetClass, String quoteCurrency, Map<String, String> identifiers) {}
