package dev.ballast.engine.ledger;

import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.btc;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.trade;
import static dev.ballast.engine.Fixtures.usd;
import static dev.ballast.engine.Fixtures.usdt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRate;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The holding changes of each kind of transaction (docs/ledger.md#movements), in order. */
class MovementsTest {
  private static final AssetId BNB = AssetId.of("BNB");

  private static Movement movement(AssetId asset, String units, AssetId currency, String value, String valueInAccount, Disposal disposal) {
    return new Movement(asset, new BigDecimal(units), currency, value == null ? null : new Money(new BigDecimal(value), currency),
        valueInAccount == null ? null : new Money(new BigDecimal(valueInAccount), jpy()), disposal);
  }

  @Test
  void aBuyWithAFeeInThePriceCurrencyMovesTheAssetInAndTheCashOut() {
    // 2 BTC @100 JPY + 10 JPY fee: BTC +2 for -(200 + 10); JPY -210 for +210
    Movements m = Movements.of(trade(TransactionType.BUY, at(-1), "b1", "2", "BTC", "100", "JPY").fee("10", "JPY").build(), jpy());

    assertEquals(List.of(
        movement(btc(), "2", jpy(), "-210", "-210", Disposal.SALE),
        movement(jpy(), "-210", jpy(), "210", "210", Disposal.SALE)), m.changes());
    assertEquals(List.of(Money.of("10", "JPY")), m.fees());
    assertNull(m.split());
  }

  @Test
  void aCryptoSaleForUsdtWithAFeeInBnbGoesThroughTheNamedRate() {
    // sell 0.5 BTC @60,000 USDT, fee 0.01 BNB, fxRate 150 JPY per USDT:
    // BTC -0.5 for +30,000 USDT (4,500,000 JPY); USDT +30,000 for -30,000 USDT; BNB -0.01 as a fee
    Transaction tx = trade(TransactionType.SELL, at(-1), "s1", "0.5", "BTC", "60000", "USDT").fee("0.01", "BNB").fxRate("150").build();
    Movements m = Movements.of(tx, jpy());

    assertEquals(new FxRate(usdt(), jpy(), new BigDecimal("150")), Movements.rate(tx, jpy()));
    assertEquals(List.of(
        movement(btc(), "-0.5", usdt(), "30000.0", "4500000.0", Disposal.SALE),
        movement(usdt(), "30000.0", usdt(), "-30000.0", "-4500000.0", Disposal.SALE),
        new Movement(BNB, new BigDecimal("-0.01"), BNB, Money.zero(BNB), Money.zero(jpy()), Disposal.FEE)), m.changes());
    assertEquals(List.of(Money.of("0.01", "BNB")), m.fees());
  }

  @Test
  void withoutARateTheValueInTheAccountCurrencyIsUnknown() {
    Movements m = Movements.of(Fixtures.buy("b1", "1", "BTC", "100", "USD"), jpy());

    assertEquals(movement(btc(), "1", usd(), "-100", null, Disposal.SALE), m.changes().get(0));
    assertNull(Movements.rate(Fixtures.buy("b1", "1", "BTC", "100", "USD"), jpy()));
  }

  @Test
  void aBuyFeeInTheAssetBoughtMeansFewerUnitsForTheSameCost() {
    Movements m = Movements.of(trade(TransactionType.BUY, at(-1), "b1", "1", "BTC", "130", "JPY").fee("0.5", "BTC").build(), jpy());

    assertEquals(List.of(
        movement(btc(), "0.5", jpy(), "-130", "-130", Disposal.SALE),
        movement(jpy(), "-130", jpy(), "130", "130", Disposal.SALE)), m.changes());
    assertEquals(List.of(Money.of("0.5", "BTC")), m.fees());
  }

  @Test
  void aSaleFeeInTheAssetSoldIsAFeeDisposalAfterTheSale() {
    Movements m = Movements.of(trade(TransactionType.SELL, at(-1), "s1", "1", "BTC", "300", "JPY").fee("0.1", "BTC").build(), jpy());

    assertEquals(movement(btc(), "-0.1", btc(), "0", null, Disposal.FEE).units(), m.changes().get(2).units());
    assertEquals(Disposal.FEE, m.changes().get(2).disposal());
    assertEquals(Money.zero(jpy()), m.changes().get(2).valueInAccount());
  }

  @Test
  void aDepositWithoutAPriceHasAnUnknownValueAndAPricedOneACost() {
    assertEquals(List.of(movement(btc(), "1", jpy(), null, null, Disposal.SALE)),
        Movements.of(Fixtures.deposit("d1", "1", "BTC"), jpy()).changes());
    Transaction priced = Transaction.builder(TransactionType.TRANSFER_IN).at(at(-1)).asset("BTC").quantity("2").price("150", "USD")
        .fxRate("140").transferId("x").ref(Fixtures.SOURCE, "t1").build();
    assertEquals(List.of(movement(btc(), "2", usd(), "-300", "-42000", Disposal.SALE)), Movements.of(priced, jpy()).changes());
  }

  @Test
  void aWithdrawalIsATransferAndItsFeeAFeeDisposal() {
    Transaction tx = Transaction.builder(TransactionType.WITHDRAWAL).at(at(-1)).asset("BTC").quantity("1").fee("0.0005", "BTC")
        .ref(Fixtures.SOURCE, "w1").build();
    Movements m = Movements.of(tx, jpy());

    assertEquals(List.of(
        movement(btc(), "-1", null, null, null, Disposal.TRANSFER),
        new Movement(btc(), new BigDecimal("-0.0005"), btc(), Money.zero(btc()), Money.zero(jpy()), Disposal.FEE)), m.changes());
    assertEquals(List.of(Money.of("0.0005", "BTC")), m.fees());
  }

  @Test
  void aDividendCreditsTheGrossThenTakesTaxAndFee() {
    Transaction tx = Transaction.builder(TransactionType.DIVIDEND).at(at(-1)).asset("VTI").amount("100", "USD").tax("10", "USD")
        .fee("1", "USD").ref(Fixtures.SOURCE, "v1").build();
    Movements m = Movements.of(tx, jpy());

    assertEquals(List.of(new BigDecimal("100"), new BigDecimal("-10"), new BigDecimal("-1")),
        m.changes().stream().map(Movement::units).toList());
    assertEquals(List.of(Money.of("100", "USD")), m.income());
    assertEquals(List.of(Money.of("10", "USD")), m.taxes());
    assertEquals(List.of(Money.of("1", "USD")), m.fees());
  }

  @Test
  void aPricedStakingRewardIsIncomeAndAnUnpricedOneOfUnknownValue() {
    Transaction priced = Transaction.builder(TransactionType.STAKING_REWARD).at(at(-1)).asset("ETH").quantity("0.1").price("300000", "JPY")
        .ref(Fixtures.SOURCE, "r1").build();
    assertEquals(List.of(movement(Fixtures.eth(), "0.1", jpy(), "-30000.0", "-30000.0", Disposal.SALE)), Movements.of(priced, jpy()).changes());
    assertEquals(List.of(Money.of("30000.0", "JPY")), Movements.of(priced, jpy()).income());

    Transaction unpriced = Transaction.builder(TransactionType.STAKING_REWARD).at(at(-1)).asset("ETH").quantity("0.1")
        .ref(Fixtures.SOURCE, "r2").build();
    assertEquals(List.of(movement(Fixtures.eth(), "0.1", Fixtures.eth(), null, null, Disposal.SALE)), Movements.of(unpriced, jpy()).changes());
    assertEquals(List.of(), Movements.of(unpriced, jpy()).income());
  }

  @Test
  void aFeeOrTaxRowTakesTheAmountOutAndCountsIt() {
    Transaction fee = Transaction.builder(TransactionType.FEE).at(at(-1)).asset("BTC").quantity("0.001").ref(Fixtures.SOURCE, "f1").build();
    Transaction tax = Transaction.builder(TransactionType.TAX).at(at(-1)).asset("JPY").quantity("500").ref(Fixtures.SOURCE, "x1").build();

    assertEquals(Disposal.FEE, Movements.of(fee, jpy()).changes().get(0).disposal());
    assertEquals(List.of(Money.of("0.001", "BTC")), Movements.of(fee, jpy()).fees());
    assertEquals(new BigDecimal("-500"), Movements.of(tax, jpy()).changes().get(0).units());
    assertEquals(List.of(Money.of("500", "JPY")), Movements.of(tax, jpy()).taxes());
  }

  @Test
  void aSplitMovesNoUnitsButNamesTheRatio() {
    Movements m = Movements.of(Fixtures.split(at(-1), "x1", "7203.T", "2"), jpy());

    assertEquals(List.of(), m.changes());
    assertEquals(new Movements.Split(AssetId.of("7203.T"), new BigDecimal("2")), m.split());
  }

  @Test
  void interestPaidInACryptoAssetOpensALotCountedInThatAssetWhoseFeesAndSalesStillWork() {
    // 10 USDT of interest: a USDT lot of unknown cost, counted in USDT; before, its cost currency
    // was missing and a later fee paid in USDT failed with a NullPointerException
    Transaction interest = Transaction.builder(TransactionType.INTEREST).at(at(-3)).asset("USDT").amount("10", "USDT")
        .ref(Fixtures.SOURCE, "i1").build();
    Transaction fee = Transaction.builder(TransactionType.FEE).at(at(-2)).asset("USDT").quantity("1").ref(Fixtures.SOURCE, "f1").build();
    Transaction sale = Fixtures.sell(at(-1), "s1", "2", "USDT", "150", "JPY");

    assertEquals(List.of(movement(usdt(), "10", usdt(), null, null, Disposal.SALE)), Movements.of(interest, jpy()).changes());
    LedgerBook book = LedgerBook.empty(jpy(), false).apply("t1", interest).book();
    LedgerBook.Applied paid = book.apply("t2", fee);
    assertEquals(Disposal.FEE, paid.realized().get(0).disposal());
    assertNull(paid.realized().get(0).pnlInAccount());
    LedgerBook.Applied sold = paid.book().apply("t3", sale);
    assertEquals(new Money(new BigDecimal("300"), jpy()), sold.realized().get(0).proceedsInAccount());
    assertNull(sold.realized().get(0).pnlInAccount());
    assertEquals(new BigDecimal("7"), sold.book().quantity(usdt()));
  }
}
