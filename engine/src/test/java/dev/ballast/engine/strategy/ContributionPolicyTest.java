package dev.ballast.engine.strategy;

import static dev.ballast.engine.strategy.PlanFixtures.ACCOUNT;
import static dev.ballast.engine.strategy.PlanFixtures.JPY;
import static dev.ballast.engine.strategy.PlanFixtures.config;
import static dev.ballast.engine.strategy.PlanFixtures.holding;
import static dev.ballast.engine.strategy.PlanFixtures.jpyPair;
import static dev.ballast.engine.strategy.PlanFixtures.price;
import static dev.ballast.engine.strategy.PlanFixtures.rule;
import static dev.ballast.engine.strategy.PlanFixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.execution.Side;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.strategy.policy.ContributionPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DCA and value averaging against hand computations: who gets the contribution, what is carried. */
class ContributionPolicyTest {
  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  static final Duration WEEK = Duration.ofDays(7);
  private static final StrategyPolicy DCA = StrategyPolicy.byName("dca").orElseThrow();
  private static final StrategyPolicy VA = StrategyPolicy.byName("value-averaging").orElseThrow();

  static PolicySettings weekly(String amount) {
    return new PolicySettings(new PolicySettings.Dca(Money.of(amount, "JPY"), WEEK), null);
  }

  static PlanInputs inputs(String btc, String vti, String cash, String btcPrice, List<TradeRule> rules, Instant at, PolicySettings settings,
      PolicyState state) {
    return new PlanInputs(JPY, List.of(holding("BTC", btc), holding("VTI", vti), holding("JPY", cash)),
        List.of(price("BTC", btcPrice), price("VTI", "30000")), List.of(), targets("BTC", 50, "VTI", 50),
        config("5", "0", "1000", "0", rules), List.of(), new PolicyContext(at, settings, state));
  }

  static List<TradeRule> rules() {
    return List.of(rule("BTC", "0.0001"), rule("VTI", "1"));
  }

  @Test
  void theContributionBuysWhatIsFurthestBelowTargetAndTheLotRemainderIsCarried() {
    RebalancePlan first = DCA.decide("p:1", inputs("0.01", "0", "1000000", "10000000", rules(), T0, weekly("100000"), PolicyState.NONE));

    // worth 100000 in BTC; with 100000 more each target is 100000: all of it is VTI's, 3 shares of 30000, 10000 left
    assertEquals(1, first.intents().size());
    OrderIntent buy = first.intents().get(0);
    assertEquals(jpyPair("VTI"), buy.instrument());
    assertEquals(Side.BUY, buy.side());
    assertEquals(new BigDecimal("3"), buy.quantity().value());
    assertEquals("p:1/1", buy.intentId());
    assertEquals(new PolicyState.Dca(T0, 1, new BigDecimal("10000"), new BigDecimal("90000")), first.nextState().dca());

    RebalancePlan second = DCA.decide("p:2", inputs("0.01", "3", "910000", "10000000", rules(), T0.plus(WEEK), weekly("100000"), first.nextState()));

    // 110000 to invest into 190000: targets 150000 each, VTI 60000 short (2 shares, furthest below: first), BTC 50000 short (0.005)
    assertEquals(List.of("VTI 2", "BTC 0.005"),
        second.intents().stream().map(i -> i.instrument().base() + " " + i.quantity().value().toPlainString()).toList());
    assertEquals(new PolicyState.Dca(T0.plus(WEEK), 2, BigDecimal.ZERO, new BigDecimal("200000")), second.nextState().dca());
  }

  @Test
  void aBuyBelowTheVenuesMinimumIsNotPlacedAndItsAmountIsSpentNextPeriod() {
    List<TradeRule> rules = List.of(rule("BTC", "0.0001"),
        new TradeRule(AssetId.of("VTI"), ACCOUNT, jpyPair("VTI"), BigDecimal.ONE, new BigDecimal("2")));
    RebalancePlan first = DCA.decide("p:1", inputs("0.01", "0", "1000000", "10000000", rules, T0, weekly("40000"), PolicyState.NONE));

    // one share of 30000 fits, but the venue takes no less than 2: carried whole
    assertEquals(List.of(), first.intents());
    assertEquals(new BigDecimal("40000"), first.nextState().dca().carry());
    assertTrue(first.unresolved().get(0).reason().contains("below the minimum size 2"), first.unresolved().toString());

    RebalancePlan second = DCA.decide("p:2", inputs("0.01", "0", "1000000", "10000000", rules, T0.plus(WEEK), weekly("40000"), first.nextState()));

    // 80000: two shares (60000), 20000 carried again
    assertEquals(List.of("VTI 2"), second.intents().stream().map(i -> i.instrument().base() + " " + i.quantity().value().toPlainString()).toList());
    assertEquals(new BigDecimal("20000"), second.nextState().dca().carry());
  }

  @Test
  void beforeTheNextPeriodNothingIsBoughtAndTheStateStays() {
    RebalancePlan first = DCA.decide("p:1", inputs("0.01", "0", "1000000", "10000000", rules(), T0, weekly("100000"), PolicyState.NONE));
    RebalancePlan early = DCA.decide("p:2", inputs("0.01", "3", "910000", "10000000", rules(), T0.plus(Duration.ofDays(6)), weekly("100000"),
        first.nextState()));

    assertEquals(List.of(), early.intents());
    assertEquals(first.nextState(), early.nextState());
  }

  @Test
  void aBuyTheCashCannotPayIsCutToTheCashAndTheShortfallIsNotCarried() {
    RebalancePlan plan = DCA.decide("p:1", inputs("0.01", "0", "65000", "10000000", rules(), T0, weekly("100000"), PolicyState.NONE));

    assertEquals(new BigDecimal("2"), plan.intents().get(0).quantity().value());
    // 100000 asked, 60000 bought, 30000 (the third share) had no cash: only the 10000 lot remainder is carried
    assertEquals(new BigDecimal("10000"), plan.nextState().dca().carry());
    assertTrue(plan.unresolved().get(0).reason().startsWith("cash short in paper"), plan.unresolved().toString());
  }

  @Test
  void valueAveragingBuysWhatBringsTheInvestedValueToThePath() {
    RebalancePlan first = VA.decide("p:1", inputs("0.01", "0", "1000000", "10000000", rules(), T0, weekly("100000"), PolicyState.NONE));

    // period 1: the path is 100000 and the BTC is worth 100000 already
    assertEquals(List.of(), first.intents());
    assertEquals(1, first.nextState().dca().periods());

    RebalancePlan second = VA.decide("p:2", inputs("0.01", "0", "1000000", "12000000", rules(), T0.plus(WEEK), weekly("100000"), first.nextState()));

    // period 2: path 200000, worth 120000: 80000 into 200000, VTI 100000 short gets it all, 2 shares
    assertEquals(List.of("VTI 2"), second.intents().stream().map(i -> i.instrument().base() + " " + i.quantity().value().toPlainString()).toList());
    assertEquals(BigDecimal.ZERO, second.nextState().dca().carry());
  }

  @Test
  void withoutItsSettingsTheDecisionIsAProblemAndNoIntent() {
    RebalancePlan plan = DCA.decide("p:1", inputs("0.01", "0", "1000000", "10000000", rules(), T0, null, PolicyState.NONE));
    assertEquals(List.of(), plan.intents());
    assertEquals(1, plan.problems().size());
  }
}
