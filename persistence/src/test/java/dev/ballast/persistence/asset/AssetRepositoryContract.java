package dev.ballast.persistence.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registered assets come back as they were saved, in id order; a second save replaces. */
abstract class AssetRepositoryContract {
  @TempDir Path dir;
  private Database database;
  private AssetRepository assets;

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
    assets = new AssetRepository(database, new ObjectMapper());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void savedAssetsComeBackInIdOrderWithTheirIdentifiers() {
    assertTrue(assets.all().isEmpty());
    Asset fund = new Asset(AssetId.of("0331418A"), "eMAXIS Slim All Country", AssetClass.FUND, AssetId.of("JPY"),
        Map.of("isin", "JP90C000H1T1", "venue:rakuten", "0331418A"));
    Asset toyota = new Asset(AssetId.of("7203.T"), "Toyota Motor", AssetClass.EQUITY, AssetId.of("JPY"),
        Map.of("isin", "JP3633400001", "yahoo", "7203.T"));
    Asset sol = new Asset(AssetId.of("SOL"), null, AssetClass.CRYPTO, AssetId.of("USD"), Map.of());
    assets.save(toyota);
    assets.save(sol);
    assets.save(fund);

    assertEquals(List.of(fund, toyota, sol), assets.all());
    assertEquals("SOL", assets.all().get(2).name(), "a missing name is the id");
  }

  @Test
  void savingAnAssetAgainReplacesIt() {
    assets.save(new Asset(AssetId.of("VT"), "Vanguard", AssetClass.ETF, AssetId.of("USD"), Map.of("yahoo", "VT")));
    Asset renamed = new Asset(AssetId.of("VT"), "Vanguard Total World Stock ETF", AssetClass.ETF, AssetId.of("USD"),
        Map.of("yahoo", "VT", "isin", "US9220427424"));
    assets.save(renamed);
    assertEquals(List.of(renamed), assets.all());
  }
}
