package dev.ballast.engine.strategy;

/**
 * Port: one way of deciding (threshold rebalancing today; regime allocation, DCA, momentum later).
 * A policy is a pure function of the journaled inputs, so an audit can run it again by its name.
 */
public interface StrategyPolicy {

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

  /** The policy of a journaled name. */
  static java.util.Optional<StrategyPolicy> byName(String name) {
    return THRESHOLD_REBALANCING.name().equals(name) ? java.util.Optional.of(THRESHOLD_REBALANCING) : java.util.Optional.empty();
  }
}
