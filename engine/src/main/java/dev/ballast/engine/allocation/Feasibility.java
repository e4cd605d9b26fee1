package dev.ballast.engine.allocation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether fully invested weights can keep the bounds, and if not which bound breaks them. With
 * disjoint groups and box bounds the check is exact: each group can hold any total between its
 * lowest and highest attainable sum, and the totals must be able to add up to one.
 */
public final class Feasibility {
  private Feasibility() {}

  /** Slack for sums of bounds written as decimals (0.1 + 0.2 + 0.7). */
  static final double TOLERANCE = 1e-9;

  /** The first broken bound as (constraint, reason), empty when some weights keep them all. */
  public static Optional<OptimizationResult.Infeasible> check(Objective objective, List<String> assets, Constraints c) {
    for (String asset : c.assetBounds().keySet().stream().sorted().toList()) {
      if (!assets.contains(asset)) {
        return fail(objective, "asset " + asset, "has a bound but is not among the assets " + assets);
      }
    }
    double sumMin = 0;
    double sumMax = 0;
    for (String asset : assets) {
      Bound b = c.boundOf(asset);
      if (b.min() > b.max() + TOLERANCE) {
        return fail(objective, "asset " + asset, "minimum " + b.min() + " is above its maximum " + b.max());
      }
      sumMin += b.min();
      sumMax += b.max();
    }
    if (sumMin > 1 + TOLERANCE) {
      return fail(objective, "sum of minimums", "the asset minimums add up to " + round(sumMin) + ", more than 1");
    }
    if (sumMax < 1 - TOLERANCE) {
      return fail(objective, "sum of maximums", "the asset maximums add up to " + round(sumMax) + ", less than 1");
    }
    Map<String, List<Integer>> members = c.groupMembers(assets);
    double low = 0;
    double high = 0;
    Set<Integer> grouped = new HashSet<>();
    for (Map.Entry<String, List<Integer>> e : members.entrySet()) {
      Bound g = c.groupBounds().get(e.getKey());
      double gMin = 0;
      double gMax = 0;
      for (int i : e.getValue()) {
        gMin += c.boundOf(assets.get(i)).min();
        gMax += c.boundOf(assets.get(i)).max();
        grouped.add(i);
      }
      String name = "group " + e.getKey();
      if (g.min() > g.max() + TOLERANCE) {
        return fail(objective, name, "minimum " + g.min() + " is above its maximum " + g.max());
      }
      if (g.min() > gMax + TOLERANCE) {
        return fail(objective, name, "minimum " + g.min() + " is above what its assets may hold together, " + round(gMax)
            + (e.getValue().isEmpty() ? " (no asset of the window is in it)" : ""));
      }
      if (g.max() < gMin - TOLERANCE) {
        return fail(objective, name, "maximum " + g.max() + " is below its assets' minimums together, " + round(gMin));
      }
      low += Math.max(g.min(), gMin);
      high += Math.min(g.max(), gMax);
    }
    for (int i = 0; i < assets.size(); i++) {
      if (!grouped.contains(i)) {
        low += c.boundOf(assets.get(i)).min();
        high += c.boundOf(assets.get(i)).max();
      }
    }
    if (low > 1 + TOLERANCE) {
      return fail(objective, "sum of group minimums", "the least the groups and ungrouped assets may hold adds up to " + round(low) + ", more than 1");
    }
    if (high < 1 - TOLERANCE) {
      return fail(objective, "sum of group maximums", "the most the groups and ungrouped assets may hold adds up to " + round(high) + ", less than 1");
    }
    return Optional.empty();
  }

  /** Every bound a weight vector breaks (beyond {@code tolerance}), for property tests and audits. */
  public static List<String> violations(List<String> assets, Constraints c, List<Double> w, double tolerance) {
    List<String> out = new ArrayList<>();
    double sum = 0;
    for (int i = 0; i < assets.size(); i++) {
      sum += w.get(i);
      if (!c.boundOf(assets.get(i)).contains(w.get(i), tolerance)) {
        out.add("asset " + assets.get(i) + " weight " + w.get(i) + " outside " + c.boundOf(assets.get(i)));
      }
    }
    if (Math.abs(sum - 1) > tolerance) {
      out.add("weights sum to " + sum);
    }
    for (Map.Entry<String, List<Integer>> e : c.groupMembers(assets).entrySet()) {
      double g = e.getValue().stream().mapToDouble(w::get).sum();
      if (!c.groupBounds().get(e.getKey()).contains(g, tolerance)) {
        out.add("group " + e.getKey() + " weight " + g + " outside " + c.groupBounds().get(e.getKey()));
      }
    }
    return out;
  }

  private static Optional<OptimizationResult.Infeasible> fail(Objective objective, String constraint, String reason) {
    return Optional.of(new OptimizationResult.Infeasible(objective, constraint, reason));
  }

  private static double round(double v) {
    return Math.round(v * 1e9) / 1e9;
  }
}
