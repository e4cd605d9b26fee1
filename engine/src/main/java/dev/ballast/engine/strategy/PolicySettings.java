package dev.ballast.engine.strategy;

import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of the policies that need more than the rebalancing settings: DCA and value
 * averaging ({@code dca}), staggered buckets ({@code buckets}). Only the part of the configured
 * policy is read; the others may be null.
 */
public record PolicySettings(Dca dca, Buckets buckets) {

  /**
   * A fixed contribution per period: {@code amount} (in the base currency) every {@code period};
   * value averaging grows the invested value by {@code amount} per period instead.
   */
  public record Dca(Money amount, Duration period) {}

  /** Three buckets; one moves to the newest target every {@code period}. */
  public record Buckets(Duration period) {}

  /** The problems of these settings for {@code policy}, each naming its field. */
  static List<FieldError> problems(String policy, PolicySettings settings, Money minTradeValue) {
    List<FieldError> errors = new ArrayList<>();
    boolean dca = StrategyPolicy.DCA_NAME.equals(policy) || StrategyPolicy.VALUE_AVERAGING_NAME.equals(policy);
    if (dca) {
      Dca d = settings == null ? null : settings.dca();
      if (d == null || d.amount() == null) {
        errors.add(new FieldError(0, "policySettings.dca.amount", "is required by the " + policy + " policy"));
      } else if (d.amount().signum() <= 0) {
        errors.add(new FieldError(0, "policySettings.dca.amount", "must be greater than zero"));
      } else if (!d.amount().currency().equals(minTradeValue.currency())) {
        errors.add(new FieldError(0, "policySettings.dca.amount", "must be in " + minTradeValue.currency() + ", the currency of minTradeValue"));
      }
      if (d == null || d.period() == null || d.period().isNegative() || d.period().isZero()) {
        errors.add(new FieldError(0, "policySettings.dca.period", "is required and must be positive"));
      }
    }
    if (StrategyPolicy.BUCKETS_NAME.equals(policy)) {
      Buckets b = settings == null ? null : settings.buckets();
      if (b == null || b.period() == null || b.period().isNegative() || b.period().isZero()) {
        errors.add(new FieldError(0, "policySettings.buckets.period", "is required by the " + policy + " policy and must be positive"));
      }
    }
    return errors;
  }
}
