package dev.ballast.engine.strategy.policy;

import dev.ballast.engine.portfolio.TargetAllocation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Weights a policy computed, as an ASSET target allocation that sums to exactly 100. */
final class TargetWeights {
  private TargetWeights() {}

  /** The percentages as given except the largest, which takes what rounding left, so that the sum is 100. */
  static TargetAllocation exact(Map<String, BigDecimal> percents) {
    Map<String, BigDecimal> sorted = new TreeMap<>(percents);
    String largest = null;
    for (Map.Entry<String, BigDecimal> e : sorted.entrySet()) {
      if (largest == null || e.getValue().compareTo(sorted.get(largest)) > 0) {
        largest = e.getKey();
      }
    }
    List<TargetAllocation.Target> out = new ArrayList<>();
    BigDecimal given = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> e : sorted.entrySet()) {
      if (!e.getKey().equals(largest)) {
        given = given.add(e.getValue());
        out.add(new TargetAllocation.Target(e.getKey(), e.getValue()));
      }
    }
    if (largest != null) {
      out.add(new TargetAllocation.Target(largest, TargetAllocation.HUNDRED.subtract(given)));
    }
    out.sort(java.util.Comparator.comparing(TargetAllocation.Target::key));
    return new TargetAllocation(TargetAllocation.Kind.ASSET, out, null);
  }
}
