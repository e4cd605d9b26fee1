package dev.ballast.api.http.assets;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Fields;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.asset.InMemoryAssetCatalog;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.persistence.asset.AssetRepository;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /api/assets}: the asset catalog, and registering an asset in it. */
public final class AssetRoutes extends RouteSupport {
  private final AssetRepository repository;
  private final InMemoryAssetCatalog catalog;

  public AssetRoutes(ApiContext context, AssetRepository repository, InMemoryAssetCatalog catalog) {
    super(context);
    this.repository = repository;
    this.catalog = catalog;
  }

  public Route route() {
    return pathEndOrSingleSlash(() -> concat(
        get(() -> complete(json(200, catalog.all().stream().map(AssetResponse::of).toList()))),
        post(() -> body(AssetRequest.class, this::register))));
  }

  private Route register(AssetRequest body) {
    List<FieldError> errors = new ArrayList<>();
    AssetId id = Fields.require(0, "id", body.id(), errors) ? Fields.parse(0, "id", body.id(), AssetId::of, errors) : null;
    Fields.require(0, "assetClass", body.assetClass(), errors);
    AssetId quote = Fields.require(0, "quoteCurrency", body.quoteCurrency(), errors)
        ? Fields.parse(0, "quoteCurrency", body.quoteCurrency(), AssetId::of, errors) : null;
    if (body.identifiers() != null && body.identifiers().containsValue(null)) {
      body.identifiers().forEach((k, v) -> {
        if (v == null) {
          errors.add(new FieldError(0, "identifiers." + k, "is null; expected text"));
        }
      });
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    Asset asset = new Asset(id, body.name(), body.assetClass(), quote, body.identifiers());
    errors.addAll(InputLimits.asset(asset));
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    return completeBlocking(() -> {
      repository.save(asset);
      catalog.register(asset);
      return json(201, AssetResponse.of(asset));
    });
  }
}
