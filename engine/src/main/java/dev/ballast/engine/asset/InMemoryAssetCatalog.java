package dev.ballast.engine.asset;

import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A catalog held in memory, filled at start from configuration and the database; safe across threads. */
public final class InMemoryAssetCatalog implements AssetCatalog {
  private final ConcurrentHashMap<AssetId, Asset> assets = new ConcurrentHashMap<>();

  public InMemoryAssetCatalog(Collection<Asset> initial) {
    initial.forEach(this::register);
  }

  public void register(Asset asset) {
    assets.put(asset.id(), asset);
  }

  @Override
  public Optional<Asset> find(AssetId id) {
    return Optional.ofNullable(assets.get(id));
  }

  @Override
  public List<Asset> all() {
    return assets.values().stream().sorted(Comparator.comparing(Asset::id)).toList();
  }
}
