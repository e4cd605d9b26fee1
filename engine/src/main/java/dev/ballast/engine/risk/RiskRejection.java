package dev.ballast.engine.risk;

import java.util.Objects;

/** Why the risk gate stopped one intent: the check that failed and a sentence with the figures. */
public record RiskRejection(String intentId, RiskCheck check, String reason) {
  public RiskRejection {
    Objects.requireNonNull(intentId, "intentId");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(reason, "reason");
  }
}
