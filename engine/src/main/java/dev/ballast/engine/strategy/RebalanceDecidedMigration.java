package dev.ballast.engine.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Reads older versions of {@link Strategy.RebalanceDecided} from the journal. Version 2 adds
 * {@code inputs.fxAsOf}, the day and origin of each FX rate; a version-1 decision did not keep them,
 * so it reads with none (its rates themselves are unchanged, so its replay is too).
 */
public final class RebalanceDecidedMigration extends JacksonMigration {

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    if (fromVersion < 2 && json.get("inputs") instanceof ObjectNode inputs && !inputs.has("fxAsOf")) {
      inputs.putArray("fxAsOf");
    }
    return json;
  }
}
