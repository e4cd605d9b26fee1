package dev.ballast.engine.strategy;

import static dev.ballast.engine.strategy.PlanFixtures.JPY;
import static dev.ballast.engine.strategy.PlanFixtures.config;
import static dev.ballast.engine.strategy.PlanFixtures.holding;
import static dev.ballast.engine.strategy.PlanFixtures.price;
import static dev.ballast.engine.strategy.PlanFixtures.rule;
import static dev.ballast.engine.strategy.PlanFixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.execution.Side;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRate;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RebalancePlannerTest {

  @Test
  void insideTheBandPlansNothing() {
    PlanInputs in = new PlanInputs(JPY, List.of(holding("BTC", "1"), holding("VTI", "40")),
        List.of(price("BTC", "6000000"), price("VTI", "100000")), List.of(), targets("BTC", 60, "VTI", 40),
        config("5", "0", "0", "0", List.of(rule("BTC", "0.0001"), rule("VTI", "1"))));

    RebalancePlan plan = RebalancePlanner.plan("d1", in);

    assertTrue(plan.intents().isEmpty());
    assertTrue(plan.unresolved().isEmpty());
    assertEquals(0, plan.drift().get(0).weightPercent().compareTo(new BigDecimal("60")));
  }

  @Test
  void sellsTheOverweightAssetFirstAndBuysWithItsProceeds() {
    // BTC doubled: 12M of 16M is 75% against 60%
    PlanInputs in = new PlanInputs(JPY, List.of(holding("BTC", "1"), holding("VTI", "40")),
        List.of(price("BTC", "12000000"), price("VTI", "100000")), List.of(), targets("BTC", 60, "VTI", 40),
        config("5", "10", "1000", "0", List.of(rule("BTC", "0.0001"), rule("VTI", "1"))));

    RebalancePlan plan = RebalancePlanner.plan("d1", in);

    assertEquals(2, plan.intents().size());
    OrderIntent sell = plan.intents().get(0);
    OrderIntent buy = plan.intents().get(1);
    assertEquals(Side.SELL, sell.side());
    assertEquals("d1/1", sell.intentId());
    // 16M x 60% = 9.6M of BTC: sell 2.4M worth = 0.2 BTC
    assertEquals(0, sell.quantity().value().compareTo(new BigDecimal("0.2")));
    assertEquals(Side.BUY, buy.side());
    // 2.4M less the 0.1% fee buys 23 whole VTI at 100,000 (24 would need 2.4024M)
    assertEquals(0, buy.quantity().value().compareTo(new BigDecimal("23")));
    assertEquals(List.of(), plan.unresolved());
    assertTrue(plan.projected().stream().noneMatch(RebalancePlan.Drift::outsideBand));
  }

  @Test
  void saysWhyWhenOneWholeUnitCostsMoreThanThePortfolio() {
    PlanInputs in = new PlanInputs(JPY, List.of(holding("JPY", "1000000")),
        List.of(price("VTI", "3000000")), List.of(), targets("VTI", 100),
        config("5", "0", "0", "0", List.of(rule("VTI", "1"))));

    RebalancePlan plan = RebalancePlanner.plan("d1", in);

    assertTrue(plan.intents().isEmpty());
    assertEquals(1, plan.unresolved().size());
    assertEquals(AssetId.of("VTI"), plan.unresolved().get(0).asset());
    assertEquals("buy is less than one lot step of 1", plan.unresolved().get(0).reason());
  }

  @Test
  void aMissingPriceIsAProblemAndPlansNothing() {
    PlanInputs in = new PlanInputs(JPY, List.of(holding("BTC", "1"), holding("JPY", "10")),
        List.of(), List.of(), targets("BTC", 100),
        config("5", "0", "0", "0", List.of(rule("BTC", "0.0001"))));

    RebalancePlan plan = RebalancePlanner.plan("d1", in);

    assertTrue(plan.intents().isEmpty());
    assertEquals(List.of("no price for BTC on BTC/JPY"), plan.problems());
  }

  @Test
  void foreignCashCountsThroughItsFxRate() {
    // 10,000 USD at 150 = 1.5M JPY, all of the value; a 50% VTI/JPY target cannot use USD
    PlanInputs in = new PlanInputs(JPY, List.of(holding("USD", "10000")),
        List.of(price("VTI", "10000")), List.of(new FxRate(AssetId.of("USD"), JPY, new BigDecimal("150"))),
        targets("VTI", 50, "USD", 50), config("5", "0", "0", "0", List.of(rule("VTI", "1"))));

    RebalancePlan plan = RebalancePlanner.plan("d1", in);

    assertEquals(0, plan.drift().stream().filter(d -> d.asset().equals(AssetId.of("USD"))).findFirst().orElseThrow()
        .weightPercent().compareTo(new BigDecimal("100")));
    assertTrue(plan.intents().isEmpty());
    assertTrue(plan.unresolved().stream().anyMatch(u -> u.asset().equals(AssetId.of("VTI")) && u.reason().contains("not enough cash")));
  }

  @Test
  void groupTargetsAreRefusedByName() {
    PlanInputs in = new PlanInputs(JPY, List.of(), List.of(), List.of(),
        new dev.ballast.engine.portfolio.TargetAllocation(dev.ballast.engine.portfolio.TargetAllocation.Kind.ASSET_CLASS,
            List.of(new dev.ballast.engine.portfolio.TargetAllocation.Target("CRYPTO", BigDecimal.valueOf(100))), null),
        config("5", "0", "0", "0", List.of()));

    assertTrue(RebalancePlanner.plan("d1", in).problems().get(0).contains("ASSET targets only"));
  }

  @Test
  void targetsPlacedInAnAccountAreLeftToTheMultiAccountPlannerByName() {
    PlanInputs in = new PlanInputs(JPY, List.of(), List.of(), List.of(),
        new dev.ballast.engine.portfolio.TargetAllocation(dev.ballast.engine.portfolio.TargetAllocation.Kind.ASSET,
            List.of(new dev.ballast.engine.portfolio.TargetAllocation.Target("VTI", BigDecimal.valueOf(60), "nisa"),
                new dev.ballast.engine.portfolio.TargetAllocation.Target("BTC", BigDecimal.valueOf(40))), null),
        config("5", "0", "0", "0", List.of()));

    List<String> problems = RebalancePlanner.plan("d1", in).problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("threshold rebalancing cannot keep targets placed in an account (VTI@nisa)"), problems.get(0));
  }
}
