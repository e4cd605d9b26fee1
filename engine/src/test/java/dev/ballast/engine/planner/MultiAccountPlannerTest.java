package dev.ballast.engine.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.planner.Plan.PlannedOrder;
import dev.ballast.engine.planner.Plan.Side;
import dev.ballast.engine.planner.PlannerInputs.AccountState;
import dev.ballast.engine.planner.PlannerInputs.HeldLot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MultiAccountPlannerTest {

  private static final AssetId JPY = AssetId.of("JPY");
  private static final AssetId X = AssetId.of("X");
  private static final Instant OLD = Instant.parse("2024-01-05T00:00:00Z");
  private static final Instant NEW = Instant.parse("2025-03-01T00:00:00Z");
  private static final Map<String, VenueRule> VENUES = Map.of(
      "free", new VenueRule("free", BigDecimal.ZERO, Money.of("0", "JPY"), 8),
      "broker", new VenueRule("broker", new BigDecimal("0.001"), Money.of("100", "JPY"), 0));

  private static Money yen(String v) {
    return Money.of(v, "JPY");
  }

  private static HeldLot lot(String qty, String cost, Instant at) {
    return new HeldLot(X, at, new BigDecimal(qty), yen(cost));
  }

  private static AccountState account(String id, TaxWrapper kind, String venue, String cash, List<HeldLot> lots) {
    return new AccountState(AccountId.of(id), kind, venue, yen(cash), lots, Set.of(X));
  }

  private static PlannerInputs inputs(String weight, String price, AccountState... accounts) {
    return new PlannerInputs(JPY, Map.of(X, new BigDecimal(weight)), List.of(accounts), VENUES, Map.of(X, yen(price)));
  }

  private static void assertMoney(String expected, Money actual) {
    assertEquals(0, new BigDecimal(expected).compareTo(actual.amount()), "expected " + expected + " got " + actual);
    assertEquals(JPY, actual.currency());
  }

  @Test
  void sellComesFromTheNisaLotBeforeTheTaxedOne() {
    // 20 X at 200 = 4000; target half = 2000, so 10 X go; the NISA gain is untaxed, the specific
    // account's would cost 10 x (200 - 100) x 0.20315 = 203.15
    Plan plan = new MultiAccountPlanner(TaxModel.japan()).plan(inputs("0.5", "200",
        account("spec", TaxWrapper.SPECIFIC, "free", "0", List.of(lot("10", "1000", OLD))),
        account("nisa", TaxWrapper.NISA, "broker", "0", List.of(lot("10", "1000", NEW)))));
    assertEquals(1, plan.orders().size(), plan.toString());
    PlannedOrder sell = plan.orders().get(0);
    assertEquals(AccountId.of("nisa"), sell.account());
    assertEquals(Side.SELL, sell.side());
    assertEquals(0, new BigDecimal("10").compareTo(sell.quantity()));
    assertMoney("2000", sell.value());
    assertMoney("1000", sell.realizedGain());
    assertMoney("0", sell.taxCost());
    assertMoney("2", sell.fee());
    assertTrue(sell.reason().contains("NISA"), sell.reason());
    assertTrue(plan.dropped().isEmpty(), plan.dropped().toString());
  }

  @Test
  void aLossLotInATaxedAccountGoesFirstWhereLossesOffsetGains() {
    // 30 X at 200 = 6000 plus 4000 cash = 10000; target 0.4 = 4000, so 10 X go; the lot bought at
    // 300 a unit realizes -1000 and gives back 1000 x 0.20315 = 203.15
    AccountState spec = account("spec", TaxWrapper.SPECIFIC, "free", "4000",
        List.of(lot("10", "1000", OLD), lot("10", "3000", NEW)));
    AccountState nisa = account("nisa", TaxWrapper.NISA, "free", "0", List.of(lot("10", "1000", OLD)));
    Plan plan = new MultiAccountPlanner(TaxModel.japan()).plan(inputs("0.4", "200", spec, nisa));
    assertEquals(1, plan.orders().size(), plan.toString());
    PlannedOrder sell = plan.orders().get(0);
    assertEquals(AccountId.of("spec"), sell.account());
    assertEquals(1, sell.lots().size());
    assertEquals(NEW, sell.lots().get(0).openedAt());
    assertMoney("-1000", sell.realizedGain());
    assertMoney("-203.15", sell.taxCost());
    assertTrue(sell.reason().contains("offsets gains"), sell.reason());

    // where a loss offsets nothing it is worth no more than the untaxed NISA lot; the older lot wins the tie
    Map<TaxWrapper, BigDecimal> rates = new EnumMap<>(TaxModel.japan().gainRates());
    Plan noOffset = new MultiAccountPlanner(new TaxModel(rates, false)).plan(inputs("0.4", "200", spec, nisa));
    assertEquals(1, noOffset.orders().size(), noOffset.toString());
    assertEquals(AccountId.of("nisa"), noOffset.orders().get(0).account());
    assertMoney("0", noOffset.orders().get(0).taxCost());
  }

  @Test
  void aSellSpanningLotsTakesTheCheapestFirstAndTaxesOnlyTheRest() {
    // 10 X at 200 = 2000 + 0 cash; target 0.25 = 500, so 7.5 X go: 5 from the NISA lot, 2.5 from
    // the specific lot at gain 100 a unit: tax 2.5 x 100 x 0.20315 = 50.7875
    Plan plan = new MultiAccountPlanner(TaxModel.japan()).plan(inputs("0.25", "200",
        account("spec", TaxWrapper.SPECIFIC, "free", "0", List.of(lot("5", "500", OLD))),
        account("nisa", TaxWrapper.NISA, "free", "0", List.of(lot("5", "500", OLD)))));
    assertEquals(2, plan.orders().size(), plan.toString());
    assertEquals(AccountId.of("nisa"), plan.orders().get(0).account());
    assertEquals(0, new BigDecimal("5").compareTo(plan.orders().get(0).quantity()));
    assertEquals(AccountId.of("spec"), plan.orders().get(1).account());
    assertEquals(0, new BigDecimal("2.5").compareTo(plan.orders().get(1).quantity()));
    assertMoney("250", plan.orders().get(1).realizedGain());
    assertMoney("50.7875", plan.orders().get(1).taxCost());
  }

  @Test
  void aCashShortfallInOneAccountRoutesTheRestOfTheBuyElsewhere() {
    // 11000 cash, target 0.5 = 5500 of X at 100: the NISA account (untaxed, preferred) has 1000,
    // so 10 X there and 45 X in the specific account, fee 4500 x 0.001 = 4.5
    Plan plan = new MultiAccountPlanner(TaxModel.japan()).plan(inputs("0.5", "100",
        account("spec", TaxWrapper.SPECIFIC, "broker", "10000", List.of()),
        account("nisa", TaxWrapper.NISA, "free", "1000", List.of())));
    assertEquals(2, plan.orders().size(), plan.toString());
    PlannedOrder first = plan.orders().get(0);
    PlannedOrder second = plan.orders().get(1);
    assertEquals(AccountId.of("nisa"), first.account());
    assertEquals(0, new BigDecimal("10").compareTo(first.quantity()));
    assertMoney("0", first.fee());
    assertEquals(AccountId.of("spec"), second.account());
    assertEquals(Side.BUY, second.side());
    assertEquals(0, new BigDecimal("45").compareTo(second.quantity()));
    assertMoney("4500", second.value());
    assertMoney("4.5", second.fee());
    assertTrue(second.reason().contains("nisa has cash for only 1000 JPY"), second.reason());
    assertTrue(plan.dropped().isEmpty(), plan.dropped().toString());
  }

  @Test
  void aBuyNoAccountCanFundIsReportedNotInvented() {
    // 1000 cash only in an account that cannot trade X; X is bought nowhere
    AccountState cashOnly = new AccountState(AccountId.of("bank"), null, "free", yen("1000"), List.of(), Set.of());
    Plan plan = new MultiAccountPlanner(TaxModel.japan()).plan(inputs("0.5", "100", cashOnly));
    assertTrue(plan.orders().isEmpty(), plan.toString());
    assertEquals(1, plan.dropped().size());
    assertMoney("500", plan.dropped().get(0).value());
    assertTrue(plan.dropped().get(0).reason().contains("no account trades X"), plan.dropped().get(0).reason());
  }

  @Test
  void tradesBelowTheVenueMinimumAreDroppedWithTheReason() {
    // 1000 cash + 10 X at 100 = 2000; target 0.525 = 1050, a buy of 50 under the broker's 100 minimum
    Plan buy = new MultiAccountPlanner(TaxModel.japan()).plan(inputs("0.525", "100",
        account("spec", TaxWrapper.SPECIFIC, "broker", "1000", List.of(lot("10", "1000", OLD)))));
    assertTrue(buy.orders().isEmpty(), buy.toString());
    assertEquals(1, buy.dropped().size());
    assertEquals(Side.BUY, buy.dropped().get(0).side());
    assertMoney("50", buy.dropped().get(0).value());
    assertTrue(buy.dropped().get(0).reason().contains("below venue broker's minimum order of 100 JPY"), buy.dropped().get(0).reason());

    // target 0.475 = 950, a sell of 50 (0.5 X, whole shares at the broker: 0)
    Plan sell = new MultiAccountPlanner(TaxModel.japan()).plan(inputs("0.475", "100",
        account("spec", TaxWrapper.SPECIFIC, "broker", "1000", List.of(lot("10", "1000", OLD)))));
    assertTrue(sell.orders().isEmpty(), sell.toString());
    assertEquals(1, sell.dropped().size());
    assertEquals(Side.SELL, sell.dropped().get(0).side());
    assertEquals(AccountId.of("spec"), sell.dropped().get(0).account());
    assertTrue(sell.dropped().get(0).reason().contains("below venue broker's minimum"), sell.dropped().get(0).reason());
  }

  @Test
  void sellProceedsFundBuysInTheSameAccount() {
    // spec holds 10 X at 100 and no cash; target X 0, Y 1: sell 10 X (1000, fee 1), buy Y with 999 / 1.001
    AssetId y = AssetId.of("Y");
    AccountState spec = new AccountState(AccountId.of("spec"), TaxWrapper.SPECIFIC, "broker", yen("0"),
        List.of(lot("10", "1000", OLD)), Set.of(X, y));
    PlannerInputs in = new PlannerInputs(JPY, Map.of(y, BigDecimal.ONE), List.of(spec), VENUES, Map.of(X, yen("100"), y, yen("10")));
    Plan plan = new MultiAccountPlanner(TaxModel.japan()).plan(in);
    assertEquals(2, plan.orders().size(), plan.toString());
    assertEquals(Side.SELL, plan.orders().get(0).side());
    assertMoney("0", plan.orders().get(0).taxCost());
    PlannedOrder buy = plan.orders().get(1);
    assertEquals(y, buy.asset());
    // 999 / 1.001 = 998.0019..., so 99 whole Y at 10 = 990, fee 0.99
    assertEquals(0, new BigDecimal("99").compareTo(buy.quantity()));
    assertMoney("0.99", buy.fee());
    assertEquals(1, plan.dropped().size(), plan.dropped().toString());
    assertEquals(Side.BUY, plan.dropped().get(0).side());
  }

  @Test
  void badInputNamesTheField() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new PlannerInputs(JPY, Map.of(X, new BigDecimal("0.5")),
        List.of(), VENUES, Map.of()));
    assertTrue(missing.getMessage().contains("prices.X"), missing.getMessage());
    IllegalArgumentException over = assertThrows(IllegalArgumentException.class, () -> new PlannerInputs(JPY,
        Map.of(X, new BigDecimal("0.7"), AssetId.of("Y"), new BigDecimal("0.4")), List.of(), VENUES, Map.of(X, yen("1"), AssetId.of("Y"), yen("1"))));
    assertTrue(over.getMessage().contains("targets"), over.getMessage());
    IllegalArgumentException venue = assertThrows(IllegalArgumentException.class, () -> inputs("0.5", "1",
        account("a", TaxWrapper.NISA, "nowhere", "0", List.of())));
    assertTrue(venue.getMessage().contains("accounts.a.venue"), venue.getMessage());
  }

  @Test
  void aTargetPlacedInAnAccountIsBoughtAndSoldThereAndBuysFirstWithItsCash() {
    // X held 60% in the NISA account (placed), Y 40% anywhere. X 200, Y 400.
    // nisa: 2000 cash + 10 X (2000) = 4000; spec: 1000 cash + 20 X (4000) + 5 Y (2000) = 7000; total 11000.
    AssetId y = AssetId.of("Y");
    AccountState nisa = new AccountState(AccountId.of("nisa"), TaxWrapper.NISA, "broker", yen("2000"),
        List.of(lot("10", "1500", OLD)), Set.of(X, y));
    AccountState spec = new AccountState(AccountId.of("spec"), TaxWrapper.SPECIFIC, "free", yen("1000"),
        List.of(lot("20", "3000", OLD), new HeldLot(y, NEW, new BigDecimal("5"), yen("2000"))), Set.of(X, y));
    PlannerInputs in = new PlannerInputs(JPY, Map.of(y, new BigDecimal("0.4")), List.of(nisa, spec), VENUES,
        Map.of(X, yen("200"), y, yen("400")), List.of(new PlannerInputs.Placed(AccountId.of("nisa"), X, new BigDecimal("0.6"))));
    Plan plan = new MultiAccountPlanner(TaxModel.japan()).plan(in);
    assertMoney("11000", plan.totalValue());
    assertEquals(3, plan.orders().size(), plan.toString());
    // X outside nisa has no target: the 20 X in spec go (4000, gain 4000 - 3000 = 1000, tax 1000 x 0.20315 = 203.15, no fee)
    PlannedOrder sellX = plan.orders().get(0);
    assertEquals(List.of("spec", "SELL", "20", "X"), List.of(sellX.account().value(), sellX.side().name(), sellX.quantity().toPlainString(),
        sellX.asset().value()));
    assertMoney("4000", sellX.value());
    assertMoney("1000", sellX.realizedGain());
    assertMoney("203.15", sellX.taxCost());
    assertMoney("0", sellX.fee());
    // X in nisa: 0.6 x 11000 = 6600 less 2000 held = 4600 wanted; nisa's 2000 cash pays 2000 / 1.001 = 1998.002 of it,
    // 9.99 X, whole shares 9: 1800 and a fee of 1.8, before Y may take nisa's cash
    PlannedOrder buyX = plan.orders().get(1);
    assertEquals(List.of("nisa", "BUY", "9", "X"), List.of(buyX.account().value(), buyX.side().name(), buyX.quantity().toPlainString(),
        buyX.asset().value()));
    assertMoney("1800", buyX.value());
    assertMoney("1.8", buyX.fee());
    assertTrue(buyX.reason().contains("held in nisa (the target places it there)"), buyX.reason());
    // Y: 0.4 x 11000 = 4400 less 2000 = 2400; nisa's 198.2 left buys no whole Y at 400, so spec (5000 after the sell) buys 6
    PlannedOrder buyY = plan.orders().get(2);
    assertEquals(List.of("spec", "BUY", "6", "Y"), List.of(buyY.account().value(), buyY.side().name(), buyY.quantity().toPlainString(),
        buyY.asset().value()));
    assertMoney("2400", buyY.value());
    assertTrue(buyY.reason().contains("nisa could buy only 0 JPY (cash 198.2 JPY)"), buyY.reason());
    // the rest of X's 4600 is not bought elsewhere: the target places it in nisa, whose cash ran short
    assertEquals(1, plan.dropped().size(), plan.dropped().toString());
    Plan.Dropped rest = plan.dropped().get(0);
    assertEquals(AccountId.of("nisa"), rest.account());
    assertEquals(X, rest.asset());
    assertMoney("2800", rest.value());
    assertTrue(rest.reason().contains("nisa has cash for only 1801.8 JPY with its fee"), rest.reason());
  }

  @Test
  void aPlacedTargetSellsOnlyTheLotsOfItsAccount() {
    // X 100: nisa holds 10 X (1000) placed at 20%, spec holds 10 X (1000) and 3000 cash, unplaced X 30%; total 5000.
    // nisa: 0.2 x 5000 = 1000 = held, nothing; unplaced X: 0.3 x 5000 = 1500 - 1000 = 500 bought in spec, never counted with nisa's
    AccountState nisa = account("nisa", TaxWrapper.NISA, "free", "0", List.of(lot("10", "500", OLD)));
    AccountState spec = account("spec", TaxWrapper.SPECIFIC, "free", "3000", List.of(lot("10", "2000", OLD)));
    PlannerInputs in = new PlannerInputs(JPY, Map.of(X, new BigDecimal("0.3")), List.of(nisa, spec), VENUES, Map.of(X, yen("100")),
        List.of(new PlannerInputs.Placed(AccountId.of("nisa"), X, new BigDecimal("0.2"))));
    Plan plan = new MultiAccountPlanner(TaxModel.japan()).plan(in);
    assertEquals(1, plan.orders().size(), plan.toString());
    PlannedOrder buy = plan.orders().get(0);
    assertEquals(List.of("spec", "BUY", "5"), List.of(buy.account().value(), buy.side().name(), buy.quantity().toPlainString()));
    // and placed at 10% it sells 5 X from nisa (its untaxed lot), not from spec's, though spec's would be a loss that offsets gains
    Plan less = new MultiAccountPlanner(TaxModel.japan()).plan(new PlannerInputs(JPY, Map.of(X, new BigDecimal("0.2")), List.of(nisa, spec),
        VENUES, Map.of(X, yen("100")), List.of(new PlannerInputs.Placed(AccountId.of("nisa"), X, new BigDecimal("0.1")))));
    assertEquals(1, less.orders().size(), less.toString());
    PlannedOrder sell = less.orders().get(0);
    assertEquals(List.of("nisa", "SELL", "5"), List.of(sell.account().value(), sell.side().name(), sell.quantity().toPlainString()));
    assertMoney("250", sell.realizedGain());
    assertMoney("0", sell.taxCost());
  }

  @Test
  void placedTargetsAreCheckedLikeTheOthers() {
    AccountState nisa = account("nisa", TaxWrapper.NISA, "free", "0", List.of());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new PlannerInputs(JPY, Map.of(), List.of(nisa), VENUES,
        Map.of(X, yen("100")), List.of(new PlannerInputs.Placed(AccountId.of("other"), X, new BigDecimal("0.5")))));
    assertTrue(unknown.getMessage().contains("placed.X@other: no account other"), unknown.getMessage());
    IllegalArgumentException over = assertThrows(IllegalArgumentException.class, () -> new PlannerInputs(JPY, Map.of(X, new BigDecimal("0.6")),
        List.of(nisa), VENUES, Map.of(X, yen("100")), List.of(new PlannerInputs.Placed(AccountId.of("nisa"), X, new BigDecimal("0.5")))));
    assertTrue(over.getMessage().contains("weights sum to 1.1"), over.getMessage());
  }
}
