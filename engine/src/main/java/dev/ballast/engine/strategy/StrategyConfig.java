package dev.ballast.engine.strategy;

import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.risk.RiskLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A strategy's configuration: the policy by name, its rebalancing settings, the mode (dry run by
 * default), how often it checks by itself ({@code checkInterval} null: only when asked) and the
 * risk limits its intents are screened against before they are sent (required outside dry run),
 * and the settings of a policy that needs more ({@code policySettings}: DCA, value averaging, buckets).
 */
public record StrategyConfig(
    String policy, RebalanceConfig rebalance, StrategyMode mode, Duration checkInterval, RiskLimits risk, PolicySettings policySettings) {

  /** A configuration of a policy without settings of its own. */
  public StrategyConfig(String policy, RebalanceConfig rebalance, StrategyMode mode, Duration checkInterval, RiskLimits risk) {
    this(policy, rebalance, mode, checkInterval, risk, null);
  }

  /** No interval shorter than this: a check reads every account of the portfolio. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  public StrategyConfig {
    policy = policy == null ? StrategyPolicy.THRESHOLD_REBALANCING.name() : policy;
    mode = mode == null ? StrategyMode.DRY_RUN : mode;
    Objects.requireNonNull(rebalance, "rebalance");
  }

  /** The problems with this configuration, each naming its field; empty when it is valid. */
  public List<FieldError> problems() {
    List<FieldError> errors = new ArrayList<>();
    if (StrategyPolicy.byName(policy).isEmpty()) {
      errors.add(new FieldError(0, "policy", "unknown policy " + policy + "; known: " + String.join(", ", StrategyPolicy.names())));
    } else {
      errors.addAll(PolicySettings.problems(policy, policySettings, rebalance.minTradeValue()));
    }
    if (checkInterval != null && checkInterval.compareTo(MIN_INTERVAL) < 0) {
      errors.add(new FieldError(0, "checkInterval", "must be at least " + MIN_INTERVAL));
    }
    if (mode != StrategyMode.DRY_RUN && risk == null) {
      errors.add(new FieldError(0, "risk", "is required in " + mode + " mode: the limits every intent is checked against"));
    }
    if (risk != null && !risk.maxOrderValue().currency().equals(rebalance.minTradeValue().currency())) {
      errors.add(new FieldError(0, "risk.maxOrderValue", "must be in " + rebalance.minTradeValue().currency() + ", the currency of minTradeValue"));
    }
    return errors;
  }
}
