package dev.ballast.engine.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Reads older versions of {@link Strategy.RebalanceDecided} from the journal. Version 2 adds
 * {@code inputs.fxAsOf}, the day and origin of each FX rate; a version-1 decision did not keep them,
 * so it reads with none (its rates themselves are unchanged, so its replay is too). Version 3 adds
 * {@code inputs.policy} (the decision's time, policy settings and the state it started from) and
 * {@code plan.nextState}; an older decision is of threshold rebalancing, which keeps no state, so
 * it reads with neither. Version 4 adds {@code plan.notes} (what a policy settled: the BTC bound,
 * the ranking of candidates) and the policy context's {@code planner} inputs; an older decision had
 * neither and reads with none.
 */
public final class RebalanceDecidedMigration extends JacksonMigration {

  @Override
  public int currentVersion() {
    return 4;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    if (fromVersion < 2 && json.get("inputs") instanceof ObjectNode inputs && !inputs.has("fxAsOf")) {
      inputs.putArray("fxAsOf");
    }
    return json;
  }
}
