package dev.ballast.engine.allocation;

import java.util.Arrays;
import java.util.Optional;

/** What an optimizer minimises or maximises, by the name the CLI and the API use. */
public enum Objective {
  MIN_VOLATILITY("min-volatility"),
  MEAN_VARIANCE("mean-variance"),
  MAX_SHARPE("max-sharpe"),
  RISK_PARITY("risk-parity"),
  DRO_CVAR("dro-cvar");

  private final String label;

  Objective(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Optional<Objective> byLabel(String label) {
    return Arrays.stream(values()).filter(o -> o.label.equals(label)).findFirst();
  }
}
