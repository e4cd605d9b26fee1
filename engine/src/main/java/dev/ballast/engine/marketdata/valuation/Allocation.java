package dev.ballast.engine.marketdata.valuation;

import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.portfolio.TargetAllocation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Current weights of a snapshot against a portfolio's target, by the target's kind (asset, class
 * or group), over crypto only, traditional only or everything: per key the current value and
 * weight, the target weight, and the deltas in percentage points and in value (what to buy,
 * positive, or sell, negative, to reach the target). Lines without a price are left out and
 * counted in {@code unvalued}, so a delta is never computed from a value taken as zero.
 */
public record Allocation(Scope scope, TargetAllocation.Kind kind, BigDecimal total, List<Row> rows, int unvalued) {

  /** Which lines count. */
  public enum Scope {
    ALL, CRYPTO, TRADITIONAL;

    boolean includes(AssetClass c) {
      boolean crypto = c == AssetClass.CRYPTO || c == AssetClass.STABLECOIN;
      return this == ALL || (this == CRYPTO) == crypto;
    }
  }

  /** One key of the target (or a held key with no target: target 0). */
  public record Row(String key, BigDecimal value, BigDecimal weight, BigDecimal target, BigDecimal deltaPoints, BigDecimal deltaValue) {}

  /** The key a line of the snapshot counts under for a target of this kind. */
  public static String key(TargetAllocation target, SnapshotLine line) {
    return switch (target.kind()) {
      case ASSET -> line.asset().value();
      case ASSET_CLASS -> line.assetClass() == null ? "UNKNOWN" : line.assetClass().name();
      case GROUP -> groupOf(target, line.asset());
    };
  }

  private static String groupOf(TargetAllocation target, AssetId asset) {
    for (Map.Entry<String, List<AssetId>> g : target.groups().entrySet()) {
      if (g.getValue().contains(asset)) {
        return g.getKey();
      }
    }
    return "(no group)";
  }

  public static Allocation of(Snapshot snapshot, TargetAllocation target, Scope scope) {
    Map<String, BigDecimal> values = new TreeMap<>();
    BigDecimal total = BigDecimal.ZERO;
    int unvalued = 0;
    for (SnapshotLine line : snapshot.lines()) {
      if (line.assetClass() != null && !scope.includes(line.assetClass())) {
        continue;
      }
      if (line.value() == null) {
        unvalued++;
        continue;
      }
      values.merge(key(target, line), line.value(), BigDecimal::add);
      total = total.add(line.value());
    }
    Map<String, BigDecimal> targets = new LinkedHashMap<>();
    target.targets().forEach(t -> targets.put(t.key(), t.weightPercent()));
    List<String> keys = new ArrayList<>(targets.keySet());
    values.keySet().stream().filter(k -> !targets.containsKey(k)).forEach(keys::add);
    List<Row> rows = new ArrayList<>();
    for (String k : keys) {
      BigDecimal value = values.getOrDefault(k, BigDecimal.ZERO);
      BigDecimal weight = total.signum() == 0 ? null : value.multiply(TargetAllocation.HUNDRED).divide(total, 4, RoundingMode.HALF_EVEN);
      BigDecimal t = targets.getOrDefault(k, BigDecimal.ZERO);
      BigDecimal points = weight == null ? null : t.subtract(weight);
      // the value to reach the target: exact target share of the total, less what is held
      BigDecimal deltaValue = plain(total.multiply(t).divide(TargetAllocation.HUNDRED).subtract(value));
      rows.add(new Row(k, plain(value), weight, t, points, deltaValue));
    }
    return new Allocation(scope, target.kind(), plain(total), List.copyOf(rows), unvalued);
  }

  private static BigDecimal plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
