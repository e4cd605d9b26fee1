package dev.ballast.engine.backtest;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.strategy.PolicyContext;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.StrategyPolicy;
import dev.ballast.engine.strategy.policy.MomentumRotation;
import dev.ballast.engine.strategy.policy.RegimeAllocationPolicy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The closes a policy reads at a decision, gathered as the live server gathers them (the same
 * assets, the same number of calendar days back) but from the bars the backtest has already
 * walked, so a decision's history ends at its own day. Policies that read no closes get none.
 */
final class PolicyHistory {
  // the live gatherer's windows: thirteen month ends for 12-1 momentum, twice the returns window for regime allocation
  static final int MOMENTUM_DAYS = 400;

  private final List<AssetId> assets;
  private final int days;
  private final Map<AssetId, List<PolicyContext.Close>> closes = new HashMap<>();

  private PolicyHistory(List<AssetId> assets, int days) {
    this.assets = assets;
    this.days = days;
    assets.forEach(a -> closes.put(a, new ArrayList<>()));
  }

  /** The history {@code policy} reads, of the assets among {@code traded} (the live gatherer skips an asset without a trade rule). */
  static PolicyHistory of(String policy, PolicySettings settings, java.util.Set<AssetId> traded) {
    PolicyHistory all = of(policy, settings);
    return new PolicyHistory(all.assets.stream().filter(traded::contains).toList(), all.days);
  }

  private static PolicyHistory of(String policy, PolicySettings settings) {
    if (StrategyPolicy.MOMENTUM_NAME.equals(policy)) {
      List<String> universe = settings == null || settings.momentum() == null || settings.momentum().universe() == null
          ? MomentumRotation.DEFAULT_UNIVERSE : settings.momentum().universe();
      return new PolicyHistory(universe.stream().map(AssetId::of).toList(), MOMENTUM_DAYS);
    }
    if (StrategyPolicy.REGIME_NAME.equals(policy) && settings != null && settings.regime() != null) {
      int window = settings.regime().windowDays() == null ? RegimeAllocationPolicy.DEFAULT_WINDOW_DAYS : settings.regime().windowDays();
      return new PolicyHistory(settings.regime().groups().keySet().stream().map(AssetId::of).toList(), window * 2 + 10);
    }
    return new PolicyHistory(List.of(), 0);
  }

  boolean readsAny() {
    return !assets.isEmpty();
  }

  int days() {
    return days;
  }

  boolean reads(AssetId asset) {
    return closes.containsKey(asset);
  }

  /** Records the close of a bar just walked (the adjusted close where the data has one, as live). */
  void walked(Bar bar) {
    List<PolicyContext.Close> series = closes.get(bar.asset());
    if (series != null) {
      series.add(new PolicyContext.Close(bar.date(), bar.historyClose()));
    }
  }

  /** The closes from {@code days} before {@code lastClosed} up to it, per asset, as the live gatherer reads them. */
  List<PolicyContext.Series> upTo(LocalDate lastClosed) {
    if (assets.isEmpty()) {
      return List.of();
    }
    LocalDate from = lastClosed.minusDays(days);
    List<PolicyContext.Series> out = new ArrayList<>();
    for (AssetId a : assets) {
      List<PolicyContext.Close> all = closes.get(a);
      int start = all.size();
      while (start > 0 && !all.get(start - 1).date().isBefore(from)) {
        start--;
      }
      int end = all.size();
      while (end > start && all.get(end - 1).date().isAfter(lastClosed)) {
        end--;
      }
      out.add(new PolicyContext.Series(a.value(), all.subList(start, end)));
    }
    return out;
  }

}
