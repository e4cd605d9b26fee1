package dev.ballast.engine.strategy;

import dev.ballast.engine.strategy.policy.ContributionPolicy;
import dev.ballast.engine.strategy.policy.MomentumPolicy;
import dev.ballast.engine.strategy.policy.RegimeAllocationPolicy;
import dev.ballast.engine.strategy.policy.StaggeredBuckets;
import java.util.List;
import java.util.Optional;

/**
 * Port: one way of deciding (threshold rebalancing, DCA, value averaging, staggered buckets,
 * momentum rotation, regime allocation). A
 * policy is a pure function of the journaled inputs (its state from the previous decision
 * included), so an audit can run it again by its name.
 */
public interface StrategyPolicy {

  String DCA_NAME = "dca";
  String VALUE_AVERAGING_NAME = "value-averaging";
  String BUCKETS_NAME = "staggered-buckets";
  String MOMENTUM_NAME = "momentum-rotation";
  String REGIME_NAME = "regime-allocation";
  /** Multi-account plans handed to the strategy; never the configured policy. */
  String MULTI_ACCOUNT_NAME = "multi-account-plan";

  /** The name journaled with each decision, by which {@link #byName} finds the policy again. */
  String name();

  RebalancePlan decide(String decisionId, PlanInputs inputs);

  /** Threshold rebalancing by {@link RebalancePlanner}. */
  StrategyPolicy THRESHOLD_REBALANCING = new StrategyPolicy() {
    @Override
    public String name() {
      return "threshold-rebalancing";
    }

    @Override
    public RebalancePlan decide(String decisionId, PlanInputs inputs) {
      return RebalancePlanner.plan(decisionId, inputs);
    }
  };

  /** Every policy this version knows. */
  static List<StrategyPolicy> all() {
    return List.of(THRESHOLD_REBALANCING, new ContributionPolicy(false), new ContributionPolicy(true), new StaggeredBuckets(),
        new MomentumPolicy(), new RegimeAllocationPolicy(), new dev.ballast.engine.strategy.policy.MultiAccountPlanPolicy());
  }

  static List<String> names() {
    return all().stream().map(StrategyPolicy::name).toList();
  }

  /** The policy of a journaled name. */
  static Optional<StrategyPolicy> byName(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
