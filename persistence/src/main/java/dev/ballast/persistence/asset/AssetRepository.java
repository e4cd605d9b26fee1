package dev.ballast.persistence.asset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.persistence.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The assets users registered beyond the configured defaults. */
public final class AssetRepository {
  private static final TypeReference<Map<String, String>> IDENTIFIERS = new TypeReference<>() {};
  private final Database database;
  private final ObjectMapper json;

  public AssetRepository(Database database, ObjectMapper json) {
    this.database = database;
    this.json = json;
  }

  public List<Asset> all() {
    return database.inTransaction(c -> {
      List<Asset> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM assets ORDER BY asset_id"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Asset(AssetId.of(rs.getString("asset_id")), rs.getString("name"),
              AssetClass.valueOf(rs.getString("asset_class")), AssetId.of(rs.getString("quote_currency")),
              read(rs.getString("identifiers_json"))));
        }
      }
      return out;
    });
  }

  /** Inserts or replaces an asset. */
  public void save(Asset asset) {
    database.inTransaction(c -> {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM assets WHERE asset_id = ?")) {
        del.setString(1, asset.id().value());
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO assets (asset_id, name, asset_class, quote_currency, identifiers_json) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, asset.id().value());
        ps.setString(2, asset.name());
        ps.setString(3, asset.assetClass().name());
        ps.setString(4, asset.quoteCurrency().value());
        ps.setString(5, json.writeValueAsString(asset.identifiers()));
        return ps.executeUpdate();
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private Map<String, String> read(String text) {
    try {
      return json.readValue(text, IDENTIFIERS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("assets.identifiers_json is not a JSON object: " + text, e);
    }
  }
}
