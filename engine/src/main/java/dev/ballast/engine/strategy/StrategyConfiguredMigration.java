package dev.ballast.engine.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Reads older versions of {@link Strategy.StrategyConfigured}. Version 2 adds
 * {@code config.policySettings}; a version-1 configuration is of threshold rebalancing, which has
 * none, so it reads with null.
 */
public final class StrategyConfiguredMigration extends JacksonMigration {

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    return json;
  }
}
