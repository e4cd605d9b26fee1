package dev.ballast.engine.strategy.policy;

import dev.ballast.engine.execution.Side;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.strategy.OrderIntent;
import dev.ballast.engine.strategy.PlanInputs;
import dev.ballast.engine.strategy.PolicyContext;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.PolicyState;
import dev.ballast.engine.strategy.RebalancePlan;
import dev.ballast.engine.strategy.RebalancePlan.Drift;
import dev.ballast.engine.strategy.RebalancePlan.Unresolved;
import dev.ballast.engine.strategy.StrategyPolicy;
import dev.ballast.engine.strategy.TradeRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dollar-cost averaging, and its value-averaging variant: once per period a contribution buys the
 * target assets furthest below target (contribution-based rebalancing: nothing is sold). DCA
 * contributes a fixed amount plus what earlier periods carried; value averaging contributes what
 * brings the invested value to {@code amount x periods}. A buy below a venue's minimum (size, lot
 * step, minimum trade value) is not placed and DCA carries its amount to the next period.
 */
public final class ContributionPolicy implements StrategyPolicy {
  private static final BigDecimal BPS = BigDecimal.valueOf(10_000);
  private final boolean valueAveraging;

  public ContributionPolicy(boolean valueAveraging) {
    this.valueAveraging = valueAveraging;
  }

  @Override
  public String name() {
    return valueAveraging ? VALUE_AVERAGING_NAME : DCA_NAME;
  }

  @Override
  public RebalancePlan decide(String decisionId, PlanInputs in) {
    PolicyContext context = in.policy();
    PolicySettings.Dca settings = context == null || context.settings() == null ? null : context.settings().dca();
    if (context == null || context.asOf() == null || settings == null) {
      return new RebalancePlan(List.of(), List.of(), List.of(), List.of(),
          List.of("the " + name() + " policy needs its settings (policySettings.dca) and the decision's time"), context == null ? null : context.state());
    }
    Valued v = new Valued(in);
    if (!v.problems.isEmpty()) {
      return new RebalancePlan(List.of(), List.of(), List.of(), List.of(), v.problems, context.state());
    }
    PolicyState.Dca state = context.state().dca() == null ? new PolicyState.Dca(null, 0, BigDecimal.ZERO, BigDecimal.ZERO) : context.state().dca();
    List<Drift> drift = Valued.drift(v.values, v.targets, in.config());
    if (state.lastPeriodAt() != null && context.asOf().isBefore(state.lastPeriodAt().plus(settings.period()))) {
      List<Unresolved> waiting = List.of(new Unresolved(in.baseCurrency(),
          "no contribution: the next period starts at " + state.lastPeriodAt().plus(settings.period())));
      return new RebalancePlan(drift, List.of(), drift, waiting, List.of(), context.state());
    }

    long period = state.periods() + 1;
    BigDecimal invested = v.invested();
    BigDecimal budget;
    List<Unresolved> unresolved = new ArrayList<>();
    if (valueAveraging) {
      BigDecimal path = settings.amount().amount().multiply(BigDecimal.valueOf(period));
      budget = path.subtract(invested).max(BigDecimal.ZERO);
      if (budget.signum() == 0) {
        unresolved.add(new Unresolved(in.baseCurrency(), "no contribution: the invested value " + plain(invested)
            + " is at or above the value path " + plain(path) + " of period " + period));
      }
    } else {
      budget = settings.amount().amount().add(state.carry());
    }

    // each asset's shortfall from its target once the contribution is in; the shortfalls sum to at least the contribution
    BigDecimal after = invested.add(budget);
    Map<AssetId, BigDecimal> shortfall = new TreeMap<>();
    for (Map.Entry<AssetId, BigDecimal> t : v.targets.entrySet()) {
      BigDecimal gap = t.getValue().multiply(after).divide(Valued.HUNDRED, Valued.MC).subtract(v.values.get(t.getKey()));
      if (gap.signum() > 0) {
        shortfall.put(t.getKey(), gap);
      }
    }
    BigDecimal totalShortfall = shortfall.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    List<AssetId> order = new ArrayList<>(shortfall.keySet());
    order.sort(Comparator.comparing((AssetId a) -> shortfall.get(a)).reversed().thenComparing(AssetId::value));

    BigDecimal feeRate = in.config().feeEstimateBps().divide(BPS, Valued.MC);
    Map<String, BigDecimal> spentCash = new TreeMap<>();
    BigDecimal spent = BigDecimal.ZERO;
    BigDecimal unfunded = BigDecimal.ZERO;
    List<OrderIntent> buys = new ArrayList<>();
    for (AssetId a : order) {
      if (budget.signum() == 0) {
        break;
      }
      BigDecimal share = budget.multiply(shortfall.get(a)).divide(totalShortfall, Valued.MC);
      TradeRule rule = v.rules.get(a);
      Price price = v.prices.get(rule.instrument());
      BigDecimal rate = v.fx.get(price.currency());
      BigDecimal unitCost = price.value().add(price.value().multiply(feeRate, Valued.MC));
      BigDecimal quantity = rule.floorToStep(share.divide(rate, Valued.MC).divide(unitCost, Valued.MC));
      String key = Valued.key(rule.account(), price.currency());
      BigDecimal available = v.spendable(rule.account(), price.currency()).subtract(spentCash.getOrDefault(key, BigDecimal.ZERO));
      boolean cashShort = quantity.multiply(unitCost).compareTo(available) > 0;
      if (cashShort) {
        BigDecimal affordable = rule.floorToStep(available.max(BigDecimal.ZERO).divide(unitCost, Valued.MC));
        unfunded = unfunded.add(quantity.subtract(affordable).multiply(unitCost).multiply(rate));
        unresolved.add(new Unresolved(a, "cash short in " + rule.account() + ": " + plain(available) + " " + price.currency()
            + " spendable; the part not bought is not carried (it was never there)"));
        quantity = affordable;
      }
      BigDecimal value = quantity.multiply(price.value()).multiply(rate);
      String small = quantity.signum() <= 0 ? "is less than one lot step of " + rule.lotStep().toPlainString()
          : quantity.compareTo(rule.minQuantity()) < 0 ? "of " + plain(quantity) + " is below the minimum size " + plain(rule.minQuantity())
          : value.compareTo(in.config().minTradeValue().amount()) < 0 ? "is worth less than the minimum trade value " + in.config().minTradeValue()
          : null;
      if (small != null) {
        if (!cashShort) {
          unresolved.add(new Unresolved(a, "the buy " + small + (valueAveraging ? "; the value path asks for it again next period" : "; its amount is carried")));
        }
        continue;
      }
      BigDecimal cost = quantity.multiply(unitCost);
      spentCash.merge(key, cost, BigDecimal::add);
      spent = spent.add(cost.multiply(rate));
      buys.add(new OrderIntent(decisionId + "/" + (buys.size() + 1), rule.account(), rule.instrument(), Side.BUY, new Quantity(quantity), price,
          new Money(value.setScale(8, RoundingMode.HALF_EVEN), in.baseCurrency())));
    }
    // value averaging needs no carry: next period's path asks again for what was not bought
    BigDecimal carry = valueAveraging ? BigDecimal.ZERO
        : budget.subtract(spent).subtract(unfunded).max(BigDecimal.ZERO).setScale(8, RoundingMode.HALF_EVEN);
    PolicyState.Dca next = new PolicyState.Dca(context.asOf(), period, carry,
        Decimals.shortest(state.contributed().add(spent).setScale(8, RoundingMode.HALF_EVEN)));
    List<Drift> projected = Valued.drift(v.after(buys), v.targets, in.config());
    return new RebalancePlan(drift, buys, projected, unresolved, List.of(), context.state().withDca(next));
  }

  private static String plain(BigDecimal value) {
    return value.setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }
}
