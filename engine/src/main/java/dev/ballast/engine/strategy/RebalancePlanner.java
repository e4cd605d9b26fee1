package dev.ballast.engine.strategy;

import dev.ballast.engine.execution.Side;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRate;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.strategy.PlanInputs.Holding;
import dev.ballast.engine.strategy.PlanInputs.PricePoint;
import dev.ballast.engine.strategy.RebalancePlan.Drift;
import dev.ballast.engine.strategy.RebalancePlan.Unresolved;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Threshold rebalancing as a pure function: from the inputs of a check to the drift and the order
 * intents that bring the portfolio back to its targets.
 *
 * <p>Fewest trades: only assets outside their band are traded, each with one order straight to its
 * target; an asset inside its band is traded only when the plan itself would push it out (fees
 * move every weight a little) or its excess is needed to pay for the buys. Sells come first and their proceeds, less the fee estimate, pay for
 * the buys; buys go largest shortfall first, and never spend an account's cash below its buffer.
 * Quantities are rounded down to the asset's lot step, so a plan never sells more than is held or
 * buys more than the cash pays for. Every division is DECIMAL128 and every iteration is in a fixed
 * order, so the same inputs give the same intents.
 */
public final class RebalancePlanner {
  private static final MathContext MC = MathContext.DECIMAL128;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal BPS = BigDecimal.valueOf(10_000);
  /** Weights shown in a decision are rounded to this many decimals; the band test uses the exact value. */
  private static final int SHOWN_SCALE = 6;

  private RebalancePlanner() {}

  /** The plan of one decision; intent ids are {@code decisionId/1}, {@code decisionId/2}, ... */
  public static RebalancePlan plan(String decisionId, PlanInputs in) {
    List<String> problems = new ArrayList<>();
    Valuation now = Valuation.of(in, problems);
    if (!problems.isEmpty()) {
      return new RebalancePlan(List.of(), List.of(), List.of(), List.of(), problems);
    }
    Map<AssetId, BigDecimal> targets = now.targets;
    List<Drift> drift = now.drift(in.config());

    TreeSet<AssetId> trade = new TreeSet<>();
    for (Drift d : drift) {
      if (d.outsideBand() && !now.isCash(d.asset())) {
        trade.add(d.asset());
      }
    }
    if (trade.isEmpty()) {
      return new RebalancePlan(drift, List.of(), drift, List.of(), List.of());
    }

    Attempt attempt = null;
    // each pass adds an asset (pushed out of its band by the previous plan, or overweight and needed to fund the buys); at most one pass per asset
    for (int pass = 0; pass <= now.values.size() + 1; pass++) {
      attempt = attempt(decisionId, in, now, trade);
      Valuation after = now.after(attempt.intents, in.config());
      List<Drift> projected = after.drift(in.config());
      boolean grew = false;
      for (Drift d : projected) {
        if (d.outsideBand() && !after.isCash(d.asset()) && trade.add(d.asset())) {
          grew = true;
        }
      }
      if (!grew && attempt.cashShort) {
        // the buys need cash that sits in overweight assets inside their band: sell the largest down to target too
        Optional<AssetId> funder = now.overweightOutside(trade, in.config());
        if (funder.isPresent()) {
          trade.add(funder.get());
          grew = true;
        }
      }
      attempt = new Attempt(attempt.intents, attempt.reasons, projected, attempt.cashShort);
      if (!grew) {
        break;
      }
    }

    List<Unresolved> unresolved = new ArrayList<>();
    for (Drift d : attempt.projected) {
      if (!d.outsideBand()) {
        continue;
      }
      String reason = attempt.reasons.get(d.asset());
      if (reason == null) {
        reason = now.isCash(d.asset())
            ? "cash is not traded: it follows the other assets' orders"
            : "outside the band after the estimated fees of the other orders";
      }
      unresolved.add(new Unresolved(d.asset(), reason));
    }
    return new RebalancePlan(drift, attempt.intents, attempt.projected, unresolved, List.of());
  }

  private record Attempt(List<OrderIntent> intents, Map<AssetId, String> reasons, List<Drift> projected, boolean cashShort) {}

  private static Attempt attempt(String decisionId, PlanInputs in, Valuation now, TreeSet<AssetId> trade) {
    RebalanceConfig config = in.config();
    BigDecimal feeRate = config.feeEstimateBps().divide(BPS, MC);
    Map<AssetId, TradeRule> rules = new HashMap<>();
    config.rules().forEach(r -> rules.put(r.asset(), r));
    Map<AssetId, String> reasons = new TreeMap<>();
    boolean cashShort = false;
    List<OrderIntent> sells = new ArrayList<>();
    List<OrderIntent> buys = new ArrayList<>();
    // cash per account and currency as the orders use it
    Map<AccountId, Map<AssetId, BigDecimal>> cash = new TreeMap<>(Comparator.comparing(AccountId::value));
    for (Holding h : in.holdings()) {
      if (now.isCash(h.asset())) {
        cash.computeIfAbsent(h.account(), a -> new TreeMap<>()).merge(h.asset(), h.quantity(), BigDecimal::add);
      }
    }

    Map<AssetId, BigDecimal> delta = new TreeMap<>();
    for (AssetId asset : trade) {
      BigDecimal target = now.targets.getOrDefault(asset, BigDecimal.ZERO).multiply(now.investable, MC).divide(HUNDRED, MC);
      delta.put(asset, target.subtract(now.values.getOrDefault(asset, BigDecimal.ZERO)));
    }

    for (Map.Entry<AssetId, BigDecimal> e : delta.entrySet()) {
      AssetId asset = e.getKey();
      if (e.getValue().signum() >= 0) {
        continue;
      }
      TradeRule rule = rules.get(asset);
      if (rule == null) {
        reasons.put(asset, "no trade rule (account and instrument) for " + asset);
        continue;
      }
      Price price = now.price(rule);
      BigDecimal unitValue = price.value().multiply(now.fxToBase(price.currency()));
      BigDecimal wanted = e.getValue().negate().divide(unitValue, MC);
      BigDecimal held = now.held(rule.account(), asset);
      BigDecimal quantity = rule.floorToStep(wanted.min(held));
      Optional<String> small = tooSmall(rule, quantity, unitValue, config);
      if (small.isPresent()) {
        reasons.put(asset, "sell " + small.get());
        continue;
      }
      if (quantity.compareTo(wanted) < 0) {
        reasons.put(asset, held.compareTo(wanted) < 0 ? "sells all " + held.toPlainString() + " held in " + rule.account()
            : "rounded down to the lot step " + rule.lotStep().toPlainString());
      }
      BigDecimal notional = price.value().multiply(quantity);
      cash.computeIfAbsent(rule.account(), a -> new TreeMap<>())
          .merge(price.currency(), notional.subtract(notional.multiply(feeRate, MC)), BigDecimal::add);
      sells.add(intent(rule, Side.SELL, quantity, price, quantity.multiply(unitValue), in.baseCurrency()));
    }

    List<Map.Entry<AssetId, BigDecimal>> shortfalls = new ArrayList<>();
    delta.entrySet().stream().filter(e -> e.getValue().signum() > 0).forEach(shortfalls::add);
    shortfalls.sort(Map.Entry.<AssetId, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    for (Map.Entry<AssetId, BigDecimal> e : shortfalls) {
      AssetId asset = e.getKey();
      TradeRule rule = rules.get(asset);
      if (rule == null) {
        reasons.put(asset, "no trade rule (account and instrument) for " + asset);
        continue;
      }
      Price price = now.price(rule);
      AssetId currency = price.currency();
      BigDecimal fx = now.fxToBase(currency);
      BigDecimal unitValue = price.value().multiply(fx);
      BigDecimal available = cash.getOrDefault(rule.account(), Map.of()).getOrDefault(currency, BigDecimal.ZERO)
          .subtract(now.bufferIn(currency));
      BigDecimal affordable = available.signum() <= 0 ? BigDecimal.ZERO
          : available.divide(BigDecimal.ONE.add(feeRate), MC).divide(price.value(), MC);
      BigDecimal wanted = e.getValue().divide(unitValue, MC);
      BigDecimal quantity = rule.floorToStep(wanted.min(affordable));
      // the fee estimate is rounded up nowhere: check the cost exactly and step down if it does not fit
      while (quantity.signum() > 0 && cost(quantity, price, feeRate).compareTo(available) > 0) {
        quantity = rule.floorToStep(quantity.subtract(rule.lotStep()));
      }
      boolean cashLimited = affordable.compareTo(wanted) < 0;
      cashShort |= cashLimited;
      Optional<String> small = tooSmall(rule, quantity, unitValue, config);
      if (small.isPresent()) {
        reasons.put(asset, cashLimited
            ? "not enough cash in " + rule.account() + ": " + available.max(BigDecimal.ZERO).setScale(2, RoundingMode.DOWN).toPlainString()
                + " " + currency + " above the buffer"
            : "buy " + small.get());
        continue;
      }
      if (quantity.compareTo(wanted) < 0) {
        reasons.put(asset, cashLimited
            ? "not enough cash in " + rule.account() + " to buy all of it"
            : "rounded down to the lot step " + rule.lotStep().toPlainString());
      }
      cash.get(rule.account()).merge(currency, cost(quantity, price, feeRate).negate(), BigDecimal::add);
      buys.add(intent(rule, Side.BUY, quantity, price, quantity.multiply(unitValue), in.baseCurrency()));
    }

    List<OrderIntent> intents = new ArrayList<>();
    int n = 0;
    for (OrderIntent i : concat(sells, buys)) {
      n++;
      intents.add(new OrderIntent(decisionId + "/" + n, i.account(), i.instrument(), i.side(), i.quantity(), i.referencePrice(),
          i.estimatedValue()));
    }
    return new Attempt(intents, reasons, List.of(), cashShort);
  }

  private static List<OrderIntent> concat(List<OrderIntent> a, List<OrderIntent> b) {
    List<OrderIntent> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static BigDecimal cost(BigDecimal quantity, Price price, BigDecimal feeRate) {
    BigDecimal notional = price.value().multiply(quantity);
    return notional.add(notional.multiply(feeRate, MC));
  }

  private static Optional<String> tooSmall(TradeRule rule, BigDecimal quantity, BigDecimal unitValue, RebalanceConfig config) {
    if (quantity.signum() <= 0) {
      return Optional.of("is less than one lot step of " + rule.lotStep().toPlainString());
    }
    if (quantity.compareTo(rule.minQuantity()) < 0) {
      return Optional.of("of " + quantity.toPlainString() + " is below the minimum size " + rule.minQuantity().toPlainString());
    }
    if (quantity.multiply(unitValue).compareTo(config.minTradeValue().amount()) < 0) {
      return Optional.of("is worth less than the minimum trade value " + config.minTradeValue());
    }
    return Optional.empty();
  }

  private static OrderIntent intent(TradeRule rule, Side side, BigDecimal quantity, Price price, BigDecimal value, AssetId base) {
    return new OrderIntent("pending", rule.account(), rule.instrument(), side, new Quantity(quantity), price,
        new Money(value.setScale(8, RoundingMode.HALF_EVEN), base));
  }

  /** The portfolio valued in its base currency: per asset, per holding, and the investable total. */
  private static final class Valuation {
    final PlanInputs in;
    final Map<AssetId, BigDecimal> targets;
    final Map<AssetId, BigDecimal> fx;
    final Map<dev.ballast.engine.marketdata.InstrumentId, Price> prices;
    final List<Holding> holdings;
    final Map<AssetId, BigDecimal> values;
    final BigDecimal total;
    final BigDecimal buffer;
    final BigDecimal investable;

    private Valuation(PlanInputs in, Map<AssetId, BigDecimal> targets, Map<AssetId, BigDecimal> fx,
        Map<dev.ballast.engine.marketdata.InstrumentId, Price> prices, List<Holding> holdings, List<String> problems) {
      this.in = in;
      this.targets = targets;
      this.fx = fx;
      this.prices = prices;
      this.holdings = holdings;
      Map<AssetId, BigDecimal> v = new TreeMap<>();
      for (AssetId a : targets.keySet()) {
        v.put(a, BigDecimal.ZERO);
      }
      Map<AssetId, TradeRule> rules = new HashMap<>();
      in.config().rules().forEach(r -> rules.put(r.asset(), r));
      for (Holding h : holdings) {
        if (h.quantity().signum() == 0) {
          continue;
        }
        BigDecimal value;
        if (isCash(h.asset())) {
          BigDecimal rate = fx.get(h.asset());
          if (rate == null) {
            problems.add("no FX rate " + h.asset() + "/" + in.baseCurrency() + " for the cash in " + h.account());
            continue;
          }
          value = h.quantity().multiply(rate);
        } else {
          TradeRule rule = rules.get(h.asset());
          Price price = rule == null ? priceOf(h.asset()) : prices.get(rule.instrument());
          if (price == null) {
            problems.add("no price for " + h.asset() + (rule == null ? "" : " on " + rule.instrument()));
            continue;
          }
          BigDecimal rate = fx.get(price.currency());
          if (rate == null) {
            problems.add("no FX rate " + price.currency() + "/" + in.baseCurrency() + " for the price of " + h.asset());
            continue;
          }
          value = h.quantity().multiply(price.value()).multiply(rate);
        }
        v.merge(h.asset(), value, BigDecimal::add);
      }
      for (AssetId a : targets.keySet()) {
        TradeRule rule = rules.get(a);
        String missing = null;
        if (rule != null && !prices.containsKey(rule.instrument())) {
          missing = "no price for " + a + " on " + rule.instrument();
        } else if (rule != null && !fx.containsKey(rule.instrument().quote())) {
          missing = "no FX rate " + rule.instrument().quote() + "/" + in.baseCurrency() + " for the price of " + a;
        }
        if (missing != null && !problems.contains(missing)) {
          problems.add(missing);
        }
      }
      this.values = v;
      this.total = v.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      long accounts = in.config().rules().stream().map(TradeRule::account).distinct().count();
      this.buffer = in.config().cashBuffer().amount().multiply(BigDecimal.valueOf(accounts));
      this.investable = total.subtract(buffer);
    }

    static Valuation of(PlanInputs in, List<String> problems) {
      if (in.targets() == null) {
        problems.add("the portfolio has no target allocation");
        return null;
      }
      if (in.targets().kind() != TargetAllocation.Kind.ASSET) {
        problems.add("threshold rebalancing plans ASSET targets only; this portfolio's targets are by " + in.targets().kind());
        return null;
      }
      if (in.targets().placed()) {
        // each asset trades in its rule's one account here: a weight held in a named account is the multi-account planner's to place
        problems.add("threshold rebalancing cannot keep targets placed in an account ("
            + String.join(", ", in.targets().targets().stream().filter(t -> t.account() != null).map(TargetAllocation.Target::label).toList())
            + "); plan them with the multi-account planner (GET /api/portfolios/{portfolio}/plan, ballast plan)");
        return null;
      }
      if (!in.config().minTradeValue().currency().equals(in.baseCurrency())) {
        problems.add("minTradeValue and cashBuffer are in " + in.config().minTradeValue().currency() + ", not the base currency "
            + in.baseCurrency());
        return null;
      }
      Map<AssetId, BigDecimal> targets = new TreeMap<>();
      for (TargetAllocation.Target t : in.targets().targets()) {
        targets.put(AssetId.of(t.key()), t.weightPercent());
      }
      Map<AssetId, BigDecimal> fx = new TreeMap<>();
      fx.put(in.baseCurrency(), BigDecimal.ONE);
      for (FxRate r : in.fx()) {
        if (!r.quote().equals(in.baseCurrency())) {
          problems.add("FX rate " + r + " is not into the base currency " + in.baseCurrency());
        } else if (fx.putIfAbsent(r.base(), r.rate()) != null && !r.base().equals(in.baseCurrency())) {
          problems.add("two FX rates for " + r.base() + "/" + in.baseCurrency());
        }
      }
      Map<dev.ballast.engine.marketdata.InstrumentId, Price> prices = new LinkedHashMap<>();
      for (PricePoint p : in.prices()) {
        if (!p.price().currency().equals(p.instrument().quote())) {
          problems.add("price of " + p.instrument() + " is in " + p.price().currency());
        } else if (p.price().value().signum() <= 0) {
          problems.add("price of " + p.instrument() + " is not positive");
        } else if (prices.putIfAbsent(p.instrument(), p.price()) != null) {
          problems.add("two prices for " + p.instrument());
        }
      }
      Valuation v = new Valuation(in, targets, fx, prices, in.holdings(), problems);
      if (problems.isEmpty() && v.investable.signum() <= 0) {
        problems.add("nothing to invest: the portfolio is worth " + v.total.toPlainString() + " " + in.baseCurrency()
            + " and the cash buffers take " + v.buffer.toPlainString());
      }
      return v;
    }

    private Price priceOf(AssetId asset) {
      for (Map.Entry<dev.ballast.engine.marketdata.InstrumentId, Price> e : prices.entrySet()) {
        if (e.getKey().base().equals(asset)) {
          return e.getValue();
        }
      }
      return null;
    }

    /** The traded asset not yet in {@code trade} that is most above its target value, if any. */
    Optional<AssetId> overweightOutside(java.util.Set<AssetId> trade, RebalanceConfig config) {
      Map<AssetId, TradeRule> rules = new HashMap<>();
      config.rules().forEach(r -> rules.put(r.asset(), r));
      AssetId best = null;
      BigDecimal most = BigDecimal.ZERO;
      for (Map.Entry<AssetId, BigDecimal> e : values.entrySet()) {
        AssetId a = e.getKey();
        if (isCash(a) || trade.contains(a) || !rules.containsKey(a)) {
          continue;
        }
        BigDecimal excess = e.getValue().subtract(targets.getOrDefault(a, BigDecimal.ZERO).multiply(investable, MC).divide(HUNDRED, MC));
        if (excess.compareTo(most) > 0) {
          most = excess;
          best = a;
        }
      }
      return Optional.ofNullable(best);
    }

    boolean isCash(AssetId asset) {
      return asset.isFiat();
    }

    Price price(TradeRule rule) {
      return prices.get(rule.instrument());
    }

    BigDecimal fxToBase(AssetId currency) {
      return fx.get(currency);
    }

    /** The buffer of one account in a currency, rounded up so that rounding never eats into it. */
    BigDecimal bufferIn(AssetId currency) {
      return in.config().cashBuffer().amount().divide(fx.get(currency), MC).setScale(8, RoundingMode.CEILING);
    }

    BigDecimal held(AccountId account, AssetId asset) {
      BigDecimal sum = BigDecimal.ZERO;
      for (Holding h : holdings) {
        if (h.account().equals(account) && h.asset().equals(asset)) {
          sum = sum.add(h.quantity());
        }
      }
      return sum.max(BigDecimal.ZERO);
    }

    List<Drift> drift(RebalanceConfig config) {
      List<Drift> out = new ArrayList<>();
      TreeSet<AssetId> assets = new TreeSet<>(targets.keySet());
      values.forEach((a, v) -> {
        if (v.signum() != 0) {
          assets.add(a);
        }
      });
      for (AssetId a : assets) {
        BigDecimal weight = values.getOrDefault(a, BigDecimal.ZERO).multiply(HUNDRED).divide(investable, MC);
        BigDecimal target = targets.getOrDefault(a, BigDecimal.ZERO);
        BigDecimal drift = weight.subtract(target);
        boolean outside = false;
        if (config.absoluteBandPercent() != null && drift.abs().compareTo(config.absoluteBandPercent()) > 0) {
          outside = true;
        }
        if (config.relativeBandPercent() != null && target.signum() > 0
            && drift.abs().multiply(HUNDRED).divide(target, MC).compareTo(config.relativeBandPercent()) > 0) {
          outside = true;
        }
        // cash without a target is what the orders leave: it is never a reason to trade
        if (isCash(a) && !targets.containsKey(a)) {
          outside = false;
        }
        out.add(new Drift(a, weight.setScale(SHOWN_SCALE, RoundingMode.HALF_EVEN), target,
            drift.setScale(SHOWN_SCALE, RoundingMode.HALF_EVEN), outside));
      }
      return out;
    }

    /** The portfolio once the intents fill at the decision's prices, less the estimated fees. */
    Valuation after(List<OrderIntent> intents, RebalanceConfig config) {
      BigDecimal feeRate = config.feeEstimateBps().divide(BPS, MC);
      List<Holding> next = new ArrayList<>(holdings);
      for (OrderIntent i : intents) {
        BigDecimal q = i.quantity().value();
        BigDecimal notional = i.referencePrice().value().multiply(q);
        BigDecimal fee = notional.multiply(feeRate, MC);
        AssetId currency = i.instrument().quote();
        if (i.side() == Side.BUY) {
          next.add(new Holding(i.account(), i.instrument().base(), q));
          next.add(new Holding(i.account(), currency, notional.add(fee).negate()));
        } else {
          next.add(new Holding(i.account(), i.instrument().base(), q.negate()));
          next.add(new Holding(i.account(), currency, notional.subtract(fee)));
        }
      }
      return new Valuation(in, targets, fx, prices, merge(next), new ArrayList<>());
    }

    private static List<Holding> merge(List<Holding> holdings) {
      Map<String, Holding> out = new TreeMap<>();
      for (Holding h : holdings) {
        out.merge(h.account().value() + "\u0000" + h.asset().value(), h,
            (a, b) -> new Holding(a.account(), a.asset(), a.quantity().add(b.quantity())));
      }
      return new ArrayList<>(out.values());
    }
  }
}
