package dev.ballast.engine.asset;

import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetId;
import java.util.List;
import java.util.Optional;

/** Port: the assets the system knows. Ledgers reject transactions in assets it does not know. */
public interface AssetCatalog {
  Optional<Asset> find(AssetId id);

  List<Asset> all();

  default boolean contains(AssetId id) {
    return id.isFiat() || find(id).isPresent();
  }
}
