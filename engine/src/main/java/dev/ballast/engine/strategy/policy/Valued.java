package dev.ballast.engine.strategy.policy;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.FxRate;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.strategy.OrderIntent;
import dev.ballast.engine.strategy.PlanInputs;
import dev.ballast.engine.strategy.RebalanceConfig;
import dev.ballast.engine.strategy.RebalancePlan.Drift;
import dev.ballast.engine.strategy.TradeRule;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The target assets of a decision valued in the base currency at the decision's prices and rates,
 * with the cash of each trading account: what the contribution policies buy from.
 */
final class Valued {
  static final MathContext MC = MathContext.DECIMAL128;
  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  final PlanInputs in;
  final Map<AssetId, BigDecimal> targets = new TreeMap<>();
  final Map<AssetId, BigDecimal> fx = new TreeMap<>();
  final Map<InstrumentId, Price> prices = new HashMap<>();
  final Map<AssetId, TradeRule> rules = new HashMap<>();
  final Map<AssetId, BigDecimal> values = new TreeMap<>();
  final Map<String, BigDecimal> cash = new TreeMap<>();
  final List<String> problems = new ArrayList<>();

  Valued(PlanInputs in) {
    this.in = in;
    if (in.targets() == null) {
      problems.add("the portfolio has no target allocation");
      return;
    }
    if (in.targets().kind() != TargetAllocation.Kind.ASSET) {
      problems.add("this policy plans ASSET targets only; this portfolio's targets are by " + in.targets().kind());
      return;
    }
    // a contribution buys assets: a cash target is what stays uninvested, so the other targets share the contribution in their proportions
    BigDecimal invested = BigDecimal.ZERO;
    for (TargetAllocation.Target t : in.targets().targets()) {
      if (!AssetId.of(t.key()).isFiat()) {
        invested = invested.add(t.weightPercent());
      }
    }
    if (invested.signum() == 0) {
      problems.add("the targets are all cash: a contribution has nothing to buy");
      return;
    }
    for (TargetAllocation.Target t : in.targets().targets()) {
      if (!AssetId.of(t.key()).isFiat()) {
        targets.put(AssetId.of(t.key()), Decimals.shortest(t.weightPercent().multiply(HUNDRED).divide(invested, 12, RoundingMode.HALF_EVEN)));
      }
    }
    fx.put(in.baseCurrency(), BigDecimal.ONE);
    for (FxRate r : in.fx()) {
      if (!r.quote().equals(in.baseCurrency())) {
        problems.add("FX rate " + r + " is not into the base currency " + in.baseCurrency());
      } else {
        fx.putIfAbsent(r.base(), r.rate());
      }
    }
    in.prices().forEach(p -> prices.putIfAbsent(p.instrument(), p.price()));
    in.config().rules().forEach(r -> rules.put(r.asset(), r));
    for (AssetId a : targets.keySet()) {
      TradeRule rule = rules.get(a);
      if (rule == null) {
        problems.add("no trade rule for " + a + ": where it is bought is not configured");
        continue;
      }
      Price price = prices.get(rule.instrument());
      if (price == null) {
        problems.add("no price for " + a + " on " + rule.instrument());
        continue;
      }
      if (!fx.containsKey(price.currency())) {
        problems.add("no FX rate " + price.currency() + "/" + in.baseCurrency() + " for the price of " + a);
        continue;
      }
      BigDecimal held = BigDecimal.ZERO;
      for (PlanInputs.Holding h : in.holdings()) {
        if (h.asset().equals(a)) {
          held = held.add(h.quantity());
        }
      }
      values.put(a, held.multiply(price.value()).multiply(fx.get(price.currency())));
    }
    for (PlanInputs.Holding h : in.holdings()) {
      if (h.asset().isFiat()) {
        cash.merge(key(h.account(), h.asset()), h.quantity(), BigDecimal::add);
      }
    }
  }

  static String key(AccountId account, AssetId currency) {
    return account.value() + "\u0000" + currency.value();
  }

  /** The cash of an account in a currency that may be spent: what is held less the account's buffer. */
  BigDecimal spendable(AccountId account, AssetId currency) {
    BigDecimal rate = fx.get(currency);
    BigDecimal buffer = rate == null ? BigDecimal.ZERO
        : in.config().cashBuffer().amount().divide(rate, MC).setScale(8, RoundingMode.CEILING);
    return cash.getOrDefault(key(account, currency), BigDecimal.ZERO).subtract(buffer).max(BigDecimal.ZERO);
  }

  BigDecimal invested() {
    return values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The weight of each target asset in what the target assets are worth together. */
  static List<Drift> drift(Map<AssetId, BigDecimal> values, Map<AssetId, BigDecimal> targets, RebalanceConfig config) {
    BigDecimal total = values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    List<Drift> out = new ArrayList<>();
    for (Map.Entry<AssetId, BigDecimal> t : targets.entrySet()) {
      BigDecimal weight = total.signum() == 0 ? BigDecimal.ZERO
          : values.getOrDefault(t.getKey(), BigDecimal.ZERO).multiply(HUNDRED).divide(total, MC);
      BigDecimal drift = weight.subtract(t.getValue());
      boolean outside = config.absoluteBandPercent() != null && drift.abs().compareTo(config.absoluteBandPercent()) > 0
          || config.relativeBandPercent() != null && t.getValue().signum() > 0
              && drift.abs().multiply(HUNDRED).divide(t.getValue(), MC).compareTo(config.relativeBandPercent()) > 0;
      out.add(new Drift(t.getKey(), weight.setScale(6, RoundingMode.HALF_EVEN), t.getValue(), drift.setScale(6, RoundingMode.HALF_EVEN), outside));
    }
    return out;
  }

  /** The values once the buys fill at the decision's prices. */
  Map<AssetId, BigDecimal> after(List<OrderIntent> buys) {
    Map<AssetId, BigDecimal> next = new TreeMap<>(values);
    for (OrderIntent i : buys) {
      BigDecimal rate = fx.get(i.referencePrice().currency());
      next.merge(i.instrument().base(), i.quantity().value().multiply(i.referencePrice().value()).multiply(rate), BigDecimal::add);
    }
    return next;
  }
}
