package dev.ballast.engine.allocation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bounds an allocation must keep: a bound per asset (absent: 0 to 1, long only), each asset in at
 * most one group, and a bound per group on the sum of its assets' weights.
 */
public record Constraints(Map<String, Bound> assetBounds, Map<String, String> groupOf, Map<String, Bound> groupBounds) {

  public static final Constraints LONG_ONLY = new Constraints(Map.of(), Map.of(), Map.of());

  public Constraints {
    assetBounds = Map.copyOf(Objects.requireNonNullElse(assetBounds, Map.of()));
    groupOf = Map.copyOf(Objects.requireNonNullElse(groupOf, Map.of()));
    groupBounds = Map.copyOf(Objects.requireNonNullElse(groupBounds, Map.of()));
  }

  public Bound boundOf(String asset) {
    return assetBounds.getOrDefault(asset, Bound.UNIT);
  }

  /** The assets of each bounded group, in the order of {@code assets}. */
  public Map<String, List<Integer>> groupMembers(List<String> assets) {
    Map<String, List<Integer>> members = new LinkedHashMap<>();
    groupBounds.keySet().stream().sorted().forEach(g -> members.put(g, new java.util.ArrayList<>()));
    for (int i = 0; i < assets.size(); i++) {
      String g = groupOf.get(assets.get(i));
      if (g != null && members.containsKey(g)) {
        members.get(g).add(i);
      }
    }
    return members;
  }

  public Constraints withAssetBounds(Map<String, Bound> bounds) {
    return new Constraints(bounds, groupOf, groupBounds);
  }
}
