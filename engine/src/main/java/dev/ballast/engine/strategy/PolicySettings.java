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
public record PolicySettings(Dca dca, Buckets buckets, Momentum momentum, RegimeAllocation regime) {

  /** Settings of DCA or buckets only. */
  public PolicySettings(Dca dca, Buckets buckets) {
    this(dca, buckets, null, null);
  }

  /**
   * 12-1 momentum rotation: the universe (asset ids), how many of the top hold equal weights. Null
   * fields take {@code MomentumRotation}'s defaults (the nine SPDR sector ETFs, top 3).
   */
  public record Momentum(List<String> universe, Integer top) {
    public Momentum {
      universe = universe == null ? null : List.copyOf(universe);
    }
  }

  /**
   * Regime allocation: the group (BTC, ETH, ALT, STABLE) of each asset, the optimizer's objective
   * (its label: min-volatility, max-sharpe, ...) and how many daily closes its returns window takes;
   * {@code assetBounds} (fractions, per asset id) narrow single assets within their group, and
   * {@code btcCore} (null: none) holds the BTC group within its band, its {@code profileWins} saying
   * which bound stands where it and the regime's BTC bound do not overlap.
   */
  public record RegimeAllocation(java.util.Map<String, String> groups, String objective, Integer windowDays,
      java.util.Map<String, dev.ballast.engine.allocation.Bound> assetBounds, dev.ballast.engine.allocation.RegimeBounds.BtcCore btcCore) {
    public RegimeAllocation {
      groups = groups == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(groups));
      assetBounds = assetBounds == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(assetBounds));
    }

    /** Settings without per-asset bounds or the BTC-core profile. */
    public RegimeAllocation(java.util.Map<String, String> groups, String objective, Integer windowDays) {
      this(groups, objective, windowDays, null, null);
    }
  }

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
    if (StrategyPolicy.MULTI_ACCOUNT_NAME.equals(policy)) {
      errors.add(new FieldError(0, "policy", policy + " is not configured: a multi-account plan is sent with POST /api/portfolios/{portfolio}/plan"));
    }
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
    if (StrategyPolicy.MOMENTUM_NAME.equals(policy) && settings != null && settings.momentum() != null
        && settings.momentum().top() != null
        && (settings.momentum().top() < 1 || settings.momentum().top() > dev.ballast.engine.model.InputLimits.MAX_TARGETS)) {
      errors.add(new FieldError(0, "policySettings.momentum.top", "must be 1 to " + dev.ballast.engine.model.InputLimits.MAX_TARGETS));
    }
    if (StrategyPolicy.REGIME_NAME.equals(policy)) {
      RegimeAllocation r = settings == null ? null : settings.regime();
      if (r == null || r.groups().isEmpty()) {
        errors.add(new FieldError(0, "policySettings.regime.groups", "is required by the " + policy + " policy: the group of each asset"));
      } else {
        r.groups().forEach((asset, group) -> {
          if (!List.of("BTC", "ETH", "ALT", "STABLE").contains(group)) {
            errors.add(new FieldError(0, "policySettings.regime.groups." + asset, "must be BTC, ETH, ALT or STABLE, was " + group));
          }
        });
      }
      if (r != null && r.objective() != null && !"ranked".equals(r.objective())
          && dev.ballast.engine.allocation.Objective.byLabel(r.objective()).isEmpty()) {
        errors.add(new FieldError(0, "policySettings.regime.objective", "unknown objective " + r.objective()));
      }
      if (r != null) {
        r.assetBounds().forEach((asset, bound) -> {
          if (!r.groups().containsKey(asset)) {
            errors.add(new FieldError(0, "policySettings.regime.assetBounds." + asset, "is not in policySettings.regime.groups"));
          } else if (bound == null || bound.min() < 0 || bound.max() > 1 || bound.min() > bound.max()) {
            errors.add(new FieldError(0, "policySettings.regime.assetBounds." + asset, "must be MIN:MAX with 0 <= MIN <= MAX <= 1, was " + bound));
          }
        });
        if (r.assetBounds().size() > dev.ballast.engine.model.InputLimits.MAX_TARGETS) {
          errors.add(new FieldError(0, "policySettings.regime.assetBounds", "at most " + dev.ballast.engine.model.InputLimits.MAX_TARGETS));
        }
        var core = r.btcCore();
        if (core != null && (core.btc().min() < 0 || core.btc().max() > 1 || core.btc().min() > core.btc().max())) {
          errors.add(new FieldError(0, "policySettings.regime.btcCore.btc", "must be MIN:MAX with 0 <= MIN <= MAX <= 1, was " + core.btc()));
        }
      }
      if (r != null && r.windowDays() != null && (r.windowDays() < 3 || r.windowDays() > dev.ballast.engine.model.InputLimits.HISTORY_DAYS)) {
        errors.add(new FieldError(0, "policySettings.regime.windowDays", "must be 3 to " + dev.ballast.engine.model.InputLimits.HISTORY_DAYS));
      }
    }
    return errors;
  }
}
