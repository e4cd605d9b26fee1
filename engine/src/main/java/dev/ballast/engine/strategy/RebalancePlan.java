package dev.ballast.engine.strategy;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Decimals;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What the planner decided: the drift it found, the intents (sells before buys), the drift it
 * expects once they fill at the decision's prices with the estimated fees, and for every asset
 * that would still be outside its band (or that could not be traded) the reason. {@code problems}
 * is non-empty when the inputs could not be planned at all (a missing price or FX rate); then
 * there are no intents. {@code nextState} is what a policy with state hands to the next decision
 * (null: the policy keeps none). {@code notes} are what a policy settled on the way and the
 * decision must show (which bound won, the portfolio in BTC terms, the ranking of candidates).
 */
public record RebalancePlan(
    List<Drift> drift, List<OrderIntent> intents, List<Drift> projected, List<Unresolved> unresolved, List<String> problems,
    PolicyState nextState, List<String> notes) {

  /** A plan without notes. */
  public RebalancePlan(List<Drift> drift, List<OrderIntent> intents, List<Drift> projected, List<Unresolved> unresolved, List<String> problems,
      PolicyState nextState) {
    this(drift, intents, projected, unresolved, problems, nextState, List.of());
  }

  /** A plan of a policy that keeps no state. */
  public RebalancePlan(List<Drift> drift, List<OrderIntent> intents, List<Drift> projected, List<Unresolved> unresolved, List<String> problems) {
    this(drift, intents, projected, unresolved, problems, null);
  }

  /** This plan handing {@code state} to the next decision. */
  public RebalancePlan withNextState(PolicyState state) {
    return new RebalancePlan(drift, intents, projected, unresolved, problems, state, notes);
  }

  /** This plan with {@code more} notes after its own. */
  public RebalancePlan withNotes(List<String> more) {
    List<String> all = new java.util.ArrayList<>(notes);
    all.addAll(more);
    return new RebalancePlan(drift, intents, projected, unresolved, problems, nextState, all);
  }

  public RebalancePlan {
    drift = List.copyOf(drift);
    intents = List.copyOf(intents);
    projected = List.copyOf(projected);
    unresolved = List.copyOf(unresolved);
    problems = List.copyOf(problems);
    // a decision journaled before notes were kept has none
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** True when some asset was outside its band at the check. */
  public boolean outsideBand() {
    return drift.stream().anyMatch(Drift::outsideBand);
  }

  /** One asset's weight against its target, in percent of the investable value. */
  public record Drift(AssetId asset, BigDecimal weightPercent, BigDecimal targetPercent, BigDecimal driftPercent, boolean outsideBand) {
    public Drift {
      Objects.requireNonNull(asset, "asset");
      weightPercent = Decimals.shortest(weightPercent);
      targetPercent = Decimals.shortest(targetPercent);
      driftPercent = Decimals.shortest(driftPercent);
    }
  }

  /** Why an asset is not brought back inside its band by this plan. */
  public record Unresolved(AssetId asset, String reason) {}
}
