package dev.ballast.api.server;

import com.typesafe.config.Config;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The assets listed in {@code ballast.assets}. */
public final class AssetSettings {
  private AssetSettings() {}

  public static List<Asset> from(Config config) {
    List<Asset> out = new ArrayList<>();
    int i = 0;
    for (Config c : config.getConfigList("ballast.assets")) {
      String where = "ballast.assets[" + i++ + "]";
      try {
        Map<String, String> identifiers = new HashMap<>();
        if (c.hasPath("identifiers")) {
          c.getConfig("identifiers").entrySet().forEach(e -> identifiers.put(e.getKey(), e.getValue().unwrapped().toString()));
        }
        out.add(new Asset(AssetId.of(c.getString("id")), c.hasPath("name") ? c.getString("name") : null,
            AssetClass.valueOf(c.getString("class")), AssetId.of(c.getString("quote")), identifiers));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
