package dev.ballast.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.execution.Side;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.strategy.PlanInputs.Holding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of the planner over random portfolios of one JPY account: up to four assets with
 * random prices and holdings, random integer targets, bands, fees, lot steps, minimum trades and
 * cash buffers. The checks recompute what the intents do with their own arithmetic, not the
 * planner's.
 */
class RebalancePlannerPropertiesTest {
  private static final List<String> ASSETS = List.of("BTC", "ETH", "VTI", "7203.T");
  private static final List<String> STEPS = List.of("0.00000001", "0.001", "1");
  private static final MathContext MC = MathContext.DECIMAL128;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  @Property(tries = 300)
  void thePlanNeverSpendsMoreCashThanThereIs(@ForAll("constrained") PlanInputs in) {
    RebalancePlan plan = RebalancePlanner.plan("d", in);
    BigDecimal fee = in.config().feeEstimateBps().divide(BigDecimal.valueOf(10_000), MC);
    BigDecimal cash = quantity(in, PlanFixtures.JPY);
    BigDecimal buffer = in.config().cashBuffer().amount();
    Map<AssetId, BigDecimal> held = new HashMap<>();
    in.holdings().forEach(h -> held.merge(h.asset(), h.quantity(), BigDecimal::add));
    boolean buying = false;
    for (OrderIntent i : plan.intents()) {
      BigDecimal notional = i.referencePrice().value().multiply(i.quantity().value());
      if (i.side() == Side.SELL) {
        assertTrue(!buying, "a sell after a buy: " + plan.intents());
        BigDecimal left = held.merge(i.instrument().base(), i.quantity().value().negate(), BigDecimal::add);
        assertTrue(left.signum() >= 0, "sells more " + i.instrument().base() + " than held: " + plan.intents());
        cash = cash.add(notional.subtract(notional.multiply(fee, MC)));
      } else {
        buying = true;
        cash = cash.subtract(notional.add(notional.multiply(fee, MC)));
        assertTrue(cash.compareTo(buffer) >= 0, "a buy spends below the buffer " + buffer + ": cash " + cash + " after " + i);
      }
      assertTrue(i.quantity().signum() > 0);
    }
  }

  @Property(tries = 300)
  void applyingThePlanLandsInsideTheBandOrSaysWhyNot(@ForAll("constrained") PlanInputs in) {
    RebalancePlan plan = RebalancePlanner.plan("d", in);
    Set<AssetId> explained = plan.unresolved().stream().map(RebalancePlan.Unresolved::asset).collect(Collectors.toSet());
    for (AssetId outside : outsideAfter(in, plan)) {
      assertTrue(explained.contains(outside), outside + " is outside its band after the plan and the plan does not say why: " + plan);
    }
  }

  @Property(tries = 300)
  void withoutFeesStepsMinimumsOrBuffersThePlanLandsInsideTheBand(@ForAll("unconstrained") PlanInputs in) {
    RebalancePlan plan = RebalancePlanner.plan("d", in);
    assertEquals(List.of(), outsideAfter(in, plan), () -> "plan: " + plan);
    assertEquals(List.of(), plan.unresolved());
  }

  @Property(tries = 200)
  void theSameInputsGiveTheSameIntents(@ForAll("constrained") PlanInputs in) {
    PlanInputs copy = new PlanInputs(in.baseCurrency(), new ArrayList<>(in.holdings()), new ArrayList<>(in.prices()),
        in.fx(), in.targets(), in.config());
    assertEquals(RebalancePlanner.plan("d", in), RebalancePlanner.plan("d", copy));
  }

  /** The non-cash assets outside their band once the intents fill at their reference prices, by this test's own arithmetic. */
  private static List<AssetId> outsideAfter(PlanInputs in, RebalancePlan plan) {
    if (!plan.problems().isEmpty()) {
      assertEquals(List.of(), plan.intents());
      return List.of();
    }
    BigDecimal fee = in.config().feeEstimateBps().divide(BigDecimal.valueOf(10_000), MC);
    Map<AssetId, BigDecimal> qty = new HashMap<>();
    in.holdings().forEach(h -> qty.merge(h.asset(), h.quantity(), BigDecimal::add));
    for (OrderIntent i : plan.intents()) {
      BigDecimal notional = i.referencePrice().value().multiply(i.quantity().value());
      BigDecimal sign = i.side() == Side.BUY ? BigDecimal.ONE : BigDecimal.ONE.negate();
      qty.merge(i.instrument().base(), i.quantity().value().multiply(sign), BigDecimal::add);
      qty.merge(PlanFixtures.JPY, notional.multiply(sign).negate().subtract(notional.multiply(fee, MC)), BigDecimal::add);
    }
    Map<AssetId, BigDecimal> price = new HashMap<>();
    in.prices().forEach(p -> price.put(p.instrument().base(), p.price().value()));
    price.put(PlanFixtures.JPY, BigDecimal.ONE);
    BigDecimal total = BigDecimal.ZERO;
    Map<AssetId, BigDecimal> value = new HashMap<>();
    for (Map.Entry<AssetId, BigDecimal> e : qty.entrySet()) {
      BigDecimal v = e.getValue().multiply(price.get(e.getKey()));
      value.put(e.getKey(), v);
      total = total.add(v);
    }
    BigDecimal investable = total.subtract(in.config().cashBuffer().amount());
    List<AssetId> outside = new ArrayList<>();
    Map<AssetId, BigDecimal> targets = new HashMap<>();
    in.targets().targets().forEach(t -> targets.put(AssetId.of(t.key()), t.weightPercent()));
    for (AssetId a : value.keySet()) {
      if (a.isFiat()) {
        continue;
      }
      BigDecimal drift = value.get(a).multiply(HUNDRED).divide(investable, MC).subtract(targets.getOrDefault(a, BigDecimal.ZERO));
      if (drift.abs().compareTo(in.config().absoluteBandPercent()) > 0) {
        outside.add(a);
      }
    }
    return outside;
  }

  private static BigDecimal quantity(PlanInputs in, AssetId asset) {
    return in.holdings().stream().filter(h -> h.asset().equals(asset)).map(Holding::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Provide
  Arbitrary<PlanInputs> constrained() {
    return portfolios(Arbitraries.integers().between(0, 50), Arbitraries.of(STEPS), Arbitraries.integers().between(0, 20_000),
        Arbitraries.integers().between(0, 200_000), Arbitraries.longs().between(0, 20_000_000));
  }

  @Provide
  Arbitrary<PlanInputs> unconstrained() {
    return portfolios(Arbitraries.just(0), Arbitraries.just("0.00000001"), Arbitraries.just(0), Arbitraries.just(0),
        Arbitraries.longs().between(1_000_000, 20_000_000));
  }

  private static Arbitrary<PlanInputs> portfolios(Arbitrary<Integer> feeBps, Arbitrary<String> step, Arbitrary<Integer> minTrade,
      Arbitrary<Integer> buffer, Arbitrary<Long> cash) {
    Arbitrary<Integer> count = Arbitraries.integers().between(1, ASSETS.size());
    Arbitrary<List<BigDecimal>> prices = Arbitraries.bigDecimals().between(new BigDecimal("1"), new BigDecimal("5000000")).ofScale(2)
        .list().ofSize(ASSETS.size());
    Arbitrary<List<BigDecimal>> quantities = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100")).ofScale(4)
        .list().ofSize(ASSETS.size());
    Arbitrary<List<Integer>> weights = Arbitraries.integers().between(0, 100).list().ofSize(ASSETS.size());
    Arbitrary<Integer> band = Arbitraries.integers().between(1, 10);
    Arbitrary<BigDecimal[]> settings = Combinators.combine(feeBps, step, minTrade, buffer, cash, band)
        .as((f, s, m, b, c, w) -> new BigDecimal[] {BigDecimal.valueOf(f), new BigDecimal(s), BigDecimal.valueOf(m),
            BigDecimal.valueOf(b), BigDecimal.valueOf(c), BigDecimal.valueOf(w)});
    return Combinators.combine(count, prices, quantities, weights, settings).as((n, p, q, w, s) -> {
      List<String> assets = ASSETS.subList(0, n);
      List<Holding> holdings = new ArrayList<>();
      List<PlanInputs.PricePoint> points = new ArrayList<>();
      List<TradeRule> rules = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        holdings.add(PlanFixtures.holding(assets.get(i), q.get(i).toPlainString()));
        points.add(PlanFixtures.price(assets.get(i), p.get(i).toPlainString()));
        rules.add(PlanFixtures.rule(assets.get(i), s[1].toPlainString()));
      }
      holdings.add(new Holding(PlanFixtures.ACCOUNT, PlanFixtures.JPY, s[4]));
      return new PlanInputs(PlanFixtures.JPY, holdings, points, List.of(), targetsFrom(assets, w),
          new RebalanceConfig(s[5], null, new Money(s[2], PlanFixtures.JPY), s[0], new Money(s[3], PlanFixtures.JPY), rules));
    });
  }

  /** Integer weights summing to 100 over the assets, the last taking the remainder. */
  private static TargetAllocation targetsFrom(List<String> assets, List<Integer> raw) {
    int sum = 0;
    for (int i = 0; i < assets.size(); i++) {
      sum += raw.get(i) + 1;
    }
    List<TargetAllocation.Target> targets = new ArrayList<>();
    int given = 0;
    for (int i = 0; i < assets.size(); i++) {
      int w = i == assets.size() - 1 ? 100 - given : (raw.get(i) + 1) * 100 / sum;
      given += w;
      targets.add(new TargetAllocation.Target(assets.get(i), BigDecimal.valueOf(w)));
    }
    return new TargetAllocation(TargetAllocation.Kind.ASSET, targets, null);
  }

  @SuppressWarnings("unused")
  private static AccountId account() {
    return PlanFixtures.ACCOUNT;
  }
}
