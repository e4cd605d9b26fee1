package dev.ballast.engine.ledger;

import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.btc;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.dividend;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.engine.Fixtures.split;
import static dev.ballast.engine.Fixtures.trade;
import static dev.ballast.engine.Fixtures.usdt;
import static dev.ballast.engine.Fixtures.withdrawal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerBookTest {

  private static final AssetId TOYOTA = AssetId.of("7203.T");

  /** Applies the transactions in order, naming them t1, t2, ...; returns the last application. */
  private static LedgerBook.Applied applyAll(LedgerBook book, Transaction... txs) {
    LedgerBook.Applied applied = null;
    for (int i = 0; i < txs.length; i++) {
      applied = book.apply("t" + (i + 1), txs[i]);
      book = applied.book();
    }
    return applied;
  }

  private static void assertAmount(String expected, BigDecimal actual) {
    assertTrue(
        actual != null && new BigDecimal(expected).compareTo(actual) == 0,
        () -> "expected " + expected + " but was " + (actual == null ? null : actual.toPlainString()));
  }

  private static void assertMoney(String amount, AssetId currency, Money actual) {
    assertAmount(amount, actual);
    assertEquals(currency, actual.currency());
  }

  private static void assertAmount(String expected, Money actual) {
    assertTrue(actual != null, () -> "expected " + expected + " but was unknown");
    assertAmount(expected, actual.amount());
  }

  private static LedgerBook jpyBook() {
    return LedgerBook.empty(jpy(), false);
  }

  @Test
  void fifoSaleClosesTheOldestLotFirstAndRealizesTheGain() {
    LedgerBook.Applied sale =
        applyAll(
            jpyBook(),
            buy(at(-10), "b1", "1", "BTC", "4000000", "JPY"),
            buy(at(-9), "b2", "1", "BTC", "6000000", "JPY"),
            sell(at(-8), "s1", "1.5", "BTC", "8000000", "JPY"));

    // proceeds 1.5 * 8,000,000 = 12,000,000, spread over the closed units:
    // lot t1: 1 BTC, proceeds 8,000,000 - cost 4,000,000 = 4,000,000
    // lot t2: 0.5 BTC, proceeds 4,000,000 - cost 3,000,000 (half of 6,000,000) = 1,000,000
    List<RealizedLot> realized = sale.realized();
    assertEquals(2, realized.size());
    assertEquals("t1", realized.get(0).openedBy());
    assertAmount("1", realized.get(0).quantity());
    assertAmount("4000000", realized.get(0).cost());
    assertAmount("8000000", realized.get(0).proceeds());
    assertAmount("4000000", realized.get(0).pnl());
    assertAmount("4000000", realized.get(0).pnlInAccount());
    assertEquals("t2", realized.get(1).openedBy());
    assertEquals("t3", realized.get(1).closedBy());
    assertAmount("0.5", realized.get(1).quantity());
    assertAmount("3000000", realized.get(1).cost());
    assertAmount("4000000", realized.get(1).proceeds());
    assertAmount("1000000", realized.get(1).pnl());

    Position btc = sale.book().positions().get(btc());
    assertAmount("0.5", btc.quantity());
    assertAmount("5000000", btc.realizedInAccount());
    List<Lot> lots = btc.lots().asList();
    assertEquals(1, lots.size());
    assertEquals("t2", lots.get(0).openedBy());
    assertAmount("0.5", lots.get(0).quantity());
    assertAmount("3000000", lots.get(0).cost());
    assertAmount("3000000", lots.get(0).costInAccount());
    // cash: -4,000,000 - 6,000,000 + 12,000,000
    assertAmount("2000000", sale.book().quantity(jpy()));
    // average cost of what is left: 3,000,000 / 0.5
    assertAmount("6000000", sale.book().summary(btc()).averageCost());
  }

  @Test
  void feeInThePriceCurrencyIsAddedToCostAndSubtractedFromProceeds() {
    LedgerBook.Applied sale =
        applyAll(
            jpyBook(),
            trade(TransactionType.BUY, at(-2), "b1", "1", "BTC", "5000000", "JPY").fee("1000", "JPY").build(),
            trade(TransactionType.SELL, at(-1), "s1", "1", "BTC", "6000000", "JPY").fee("2000", "JPY").build());

    RealizedLot closed = sale.realized().get(0);
    assertAmount("5001000", closed.cost()); // 5,000,000 + 1,000 fee
    assertAmount("5998000", closed.proceeds()); // 6,000,000 - 2,000 fee
    assertAmount("997000", closed.pnl());
    LedgerBook book = sale.book();
    assertAmount("997000", book.quantity(jpy())); // -5,001,000 + 5,998,000
    assertAmount("3000", book.fees().get(jpy()));
    assertAmount("0", book.quantity(btc()));
    assertTrue(book.positions().get(btc()).lots().isEmpty());
  }

  @Test
  void buyFeeTakenInTheCoinReducesTheUnitsReceivedNotTheCost() {
    LedgerBook.Applied bought =
        applyAll(jpyBook(), trade(TransactionType.BUY, at(-1), "b1", "1", "BTC", "5000000", "JPY").fee("0.001", "BTC").build());

    LedgerBook book = bought.book();
    assertAmount("0.999", book.quantity(btc()));
    Lot lot = book.positions().get(btc()).lots().asList().get(0);
    assertAmount("0.999", lot.quantity());
    assertAmount("5000000", lot.cost());
    assertAmount("-5000000", book.quantity(jpy()));
    assertAmount("0.001", book.fees().get(btc()));
    assertTrue(bought.realized().isEmpty());
  }

  @Test
  void feeInAThirdAssetIsADisposalWithoutProceeds() {
    LedgerBook.Applied bought =
        applyAll(
            jpyBook(),
            buy(at(-2), "u1", "100", "USDT", "150", "JPY"),
            trade(TransactionType.BUY, at(-1), "b1", "1", "BTC", "5000000", "JPY").fee("1", "USDT").build());

    // 1 USDT of the lot that cost 15,000 JPY for 100 leaves as a fee: cost 150, proceeds 0
    assertEquals(1, bought.realized().size());
    RealizedLot fee = bought.realized().get(0);
    assertEquals(Disposal.FEE, fee.disposal());
    assertEquals(usdt(), fee.asset());
    assertAmount("1", fee.quantity());
    assertAmount("150", fee.cost());
    assertAmount("0", fee.proceeds());
    assertAmount("-150", fee.pnl());
    assertAmount("-150", fee.pnlInAccount());

    LedgerBook book = bought.book();
    assertAmount("99", book.quantity(usdt()));
    assertAmount("-150", book.positions().get(usdt()).realizedInAccount());
    assertAmount("1", book.fees().get(usdt()));
    assertAmount("5000000", book.positions().get(btc()).lots().asList().get(0).cost()); // the fee is not in the BTC cost
  }

  @Test
  void cryptoBoughtWithAStablecoinClosesStablecoinLotsWithPnlInTheAccountCurrency() {
    LedgerBook.Applied bought =
        applyAll(
            jpyBook(),
            buy(at(-2), "u1", "1000", "USDT", "150", "JPY"),
            trade(TransactionType.BUY, at(-1), "b1", "0.01", "BTC", "60000", "USDT").fxRate("155").build());

    // 0.01 BTC cost 600 USDT = 93,000 JPY at 155; paying 600 USDT closes 600 of the 1000 USDT lot
    // (cost 90,000 JPY) for 93,000 JPY: +3,000 JPY realized
    Lot btcLot = bought.book().positions().get(btc()).lots().asList().get(0);
    assertEquals(usdt(), btcLot.costCurrency());
    assertMoney("600", usdt(), btcLot.cost());
    assertMoney("93000", jpy(), btcLot.costInAccount());

    RealizedLot usdtClosed = bought.realized().get(0);
    assertEquals(usdt(), usdtClosed.asset());
    assertEquals(Disposal.SALE, usdtClosed.disposal());
    assertAmount("600", usdtClosed.quantity());
    assertMoney("90000", jpy(), usdtClosed.cost());
    assertMoney("600", usdt(), usdtClosed.proceeds());
    assertNull(usdtClosed.pnl(), "cost in JPY and proceeds in USDT have no P&L in one currency");
    assertMoney("3000", jpy(), usdtClosed.pnlInAccount());

    Position usdt = bought.book().positions().get(usdt());
    assertAmount("400", usdt.quantity());
    assertAmount("60000", usdt.lots().asList().get(0).cost());
    assertAmount("3000", usdt.realizedInAccount());
    assertAmount("-150000", bought.book().quantity(jpy())); // only the USDT purchase moved JPY
  }

  @Test
  void aTradeInAnotherCurrencyWithoutFxRateIsRejectedOnFxRate() {
    LedgerBook book = applyAll(jpyBook(), buy(at(-2), "u1", "1000", "USDT", "150", "JPY")).book();
    Transaction noRate = buy(at(-1), "b1", "0.01", "BTC", "60000", "USDT");

    LedgerRejection rejection = assertThrows(LedgerRejection.class, () -> book.apply("t2", noRate));
    assertEquals("fxRate", rejection.field());
    assertTrue(rejection.getMessage().contains("USDT"), rejection.getMessage());
  }

  @Test
  void sellingLotsBoughtInJpyForUsdtWithoutFxRateIsRejected() {
    LedgerBook book = applyAll(jpyBook(), buy(at(-2), "b1", "1", "BTC", "5000000", "JPY")).book();

    LedgerRejection rejection =
        assertThrows(LedgerRejection.class, () -> book.apply("t2", sell(at(-1), "s1", "1", "BTC", "40000", "USDT")));
    assertEquals("fxRate", rejection.field());
  }

  @Test
  void sellingMoreThanHeldIsRejectedOnQuantity() {
    LedgerBook book = applyAll(jpyBook(), buy(at(-2), "b1", "1", "BTC", "5000000", "JPY")).book();

    LedgerRejection rejection =
        assertThrows(LedgerRejection.class, () -> book.apply("t2", sell(at(-1), "s1", "2", "BTC", "5000000", "JPY")));
    assertEquals("quantity", rejection.field());
    assertTrue(rejection.getMessage().contains("holds 1"), rejection.getMessage());
    assertAmount("1", book.quantity(btc())); // the book is immutable: nothing half-applied
  }

  @Test
  void withdrawingMoreThanHeldIsRejectedEvenWhenShortsAreAllowed() {
    LedgerBook book = LedgerBook.empty(jpy(), true);

    LedgerRejection rejection =
        assertThrows(LedgerRejection.class, () -> book.apply("t1", withdrawal(at(-1), "w1", "1", "BTC")));
    assertEquals("quantity", rejection.field());
  }

  @Test
  void aShortSaleOpensANegativeLotAndTheBuyBackRealizesThePnl() {
    LedgerBook shortBook =
        applyAll(LedgerBook.empty(jpy(), true), sell(at(-2), "s1", "1", "BTC", "6000000", "JPY")).book();
    Lot shortLot = shortBook.positions().get(btc()).lots().asList().get(0);
    assertAmount("-1", shortLot.quantity());
    assertAmount("-6000000", shortLot.cost()); // proceeds received, kept as a negative cost
    assertAmount("-1", shortBook.quantity(btc()));
    assertAmount("6000000", shortBook.quantity(jpy()));

    LedgerBook.Applied cover = shortBook.apply("t2", buy(at(-1), "b1", "1", "BTC", "5000000", "JPY"));
    // sold at 6,000,000, bought back at 5,000,000: +1,000,000
    RealizedLot closed = cover.realized().get(0);
    assertAmount("-1", closed.quantity());
    assertAmount("1000000", closed.pnl());
    assertAmount("1000000", closed.pnlInAccount());
    Position btc = cover.book().positions().get(btc());
    assertAmount("0", btc.quantity());
    assertTrue(btc.lots().isEmpty());
    assertAmount("1000000", btc.realizedInAccount());
  }

  @Test
  void aSaleBeyondTheHoldingOnAMarginAccountClosesTheLongAndOpensAShort() {
    LedgerBook.Applied sale =
        applyAll(
            LedgerBook.empty(jpy(), true),
            buy(at(-2), "b1", "1", "BTC", "4000000", "JPY"),
            sell(at(-1), "s1", "1.5", "BTC", "6000000", "JPY"));

    // 1 BTC closed for 6,000,000 (2/3 of 9,000,000), the other 0.5 opens a short at 3,000,000
    assertAmount("2000000", sale.realized().get(0).pnl());
    List<Lot> lots = sale.book().positions().get(btc()).lots().asList();
    assertEquals(1, lots.size());
    assertAmount("-0.5", lots.get(0).quantity());
    assertAmount("-3000000", lots.get(0).cost());
    assertAmount("-0.5", sale.book().quantity(btc()));
  }

  @Test
  void aSplitRescalesLotsAndKeepsTheirCost() {
    LedgerBook book =
        applyAll(
            jpyBook(),
            buy(at(-5), "b1", "10", "7203.T", "2000", "JPY"),
            buy(at(-4), "b2", "10", "7203.T", "3000", "JPY"),
            split(at(-3), "sp1", "7203.T", "5")).book();

    Position toyota = book.positions().get(TOYOTA);
    assertAmount("100", toyota.quantity());
    List<Lot> lots = toyota.lots().asList();
    assertAmount("50", lots.get(0).quantity());
    assertAmount("20000", lots.get(0).cost());
    assertAmount("50", lots.get(1).quantity());
    assertAmount("30000", lots.get(1).cost());
    assertAmount("500", book.summary(TOYOTA).averageCost()); // 50,000 / 100

    // selling 60 after the split: 50 of lot 1 (cost 20,000) and 10 of lot 2 (cost 6,000) for 1,000 each
    LedgerBook.Applied sale = book.apply("t4", sell(at(-2), "s1", "60", "7203.T", "1000", "JPY"));
    assertAmount("30000", sale.realized().get(0).pnl());
    assertAmount("4000", sale.realized().get(1).pnl());
    assertAmount("34000", sale.book().positions().get(TOYOTA).realizedInAccount());
  }

  @Test
  void aDividendCreditsCashAndIncomeAndTheWithholdingTaxIsTakenOut() {
    LedgerBook before = applyAll(jpyBook(), buy(at(-5), "b1", "10", "7203.T", "2000", "JPY")).book();
    Transaction dividend =
        Transaction.builder(TransactionType.DIVIDEND)
            .at(at(-1))
            .asset("7203.T")
            .amount("1000", "JPY")
            .tax("150", "JPY")
            .ref("test", "d1")
            .build();

    LedgerBook after = before.apply("t2", dividend).book();
    assertAmount("-19150", after.quantity(jpy())); // -20,000 + 1,000 - 150
    assertAmount("1000", after.income().get(jpy()));
    assertAmount("150", after.taxes().get(jpy()));
    assertEquals(before.positions().get(TOYOTA), after.positions().get(TOYOTA));
  }

  @Test
  void aTransferOutRemovesLotsWithoutRealizingAnything() {
    Transaction out =
        Transaction.builder(TransactionType.TRANSFER_OUT)
            .at(at(-1))
            .asset("BTC")
            .quantity("1.5")
            .transferId("x-1")
            .ref("test", "o1")
            .build();
    LedgerBook.Applied moved =
        applyAll(
            jpyBook(),
            buy(at(-3), "b1", "1", "BTC", "4000000", "JPY"),
            buy(at(-2), "b2", "1", "BTC", "6000000", "JPY"),
            out);

    assertTrue(moved.realized().isEmpty());
    assertEquals(2, moved.removed().size());
    assertEquals("t1", moved.removed().get(0).openedBy());
    assertAmount("4000000", moved.removed().get(0).cost());
    assertAmount("0.5", moved.removed().get(1).quantity());
    assertAmount("3000000", moved.removed().get(1).cost());
    Position btc = moved.book().positions().get(btc());
    assertAmount("0.5", btc.quantity());
    assertAmount("3000000", btc.lots().asList().get(0).cost());
    assertAmount("0", btc.realizedInAccount());
  }

  @Test
  void coinsDepositedWithoutAPriceHaveAnUnknownCost() {
    LedgerBook book = applyAll(jpyBook(), deposit(at(-1), "d1", "2", "ETH")).book();

    Lot lot = book.positions().get(AssetId.of("ETH")).lots().asList().get(0);
    assertAmount("2", lot.quantity());
    assertNull(lot.cost());
    assertNull(lot.costInAccount());
    assertNull(book.summary(AssetId.of("ETH")).averageCost());
  }

  @Test
  void cashIsABalancePerCurrencyAndMayGoBelowZero() {
    LedgerBook.Applied last =
        applyAll(
            jpyBook(),
            deposit(at(-5), "d1", "1000000", "JPY"),
            withdrawal(at(-4), "w1", "200000", "JPY"),
            deposit(at(-3), "d2", "100", "USD"),
            withdrawal(at(-2), "w2", "150", "USD"));

    LedgerBook book = last.book();
    assertAmount("800000", book.quantity(jpy()));
    assertAmount("-50", book.quantity(AssetId.of("USD")));
    assertTrue(book.positions().isEmpty(), "cash is never held as lots");
    PositionSummary usd = book.summary(AssetId.of("USD"));
    assertAmount("-50", usd.quantity());
    assertEquals(List.of(jpy(), AssetId.of("USD")), book.summaries().stream().map(PositionSummary::asset).toList());
    assertEquals(List.of(AssetId.of("USD")), last.touched().stream().map(PositionSummary::asset).toList());
  }

  @Test
  void applyingReturnsANewBookAndLeavesTheOldOneAlone() {
    LedgerBook empty = jpyBook();
    LedgerBook.Applied applied = empty.apply("t1", buy("b1", "1", "BTC", "5000000", "JPY"));

    assertTrue(empty.positions().isEmpty());
    assertTrue(empty.cash().isEmpty());
    assertAmount("1", applied.book().quantity(btc()));
    assertEquals(jpy(), applied.book().accountCurrency());
  }

  @Test
  void feeAndTaxTransactionsAreChargedToTheirAsset() {
    LedgerBook book =
        applyAll(
            jpyBook(),
            deposit(at(-5), "d1", "10000", "JPY"),
            Transaction.builder(TransactionType.FEE).at(at(-4)).asset("JPY").quantity("300").ref("test", "f1").build(),
            Transaction.builder(TransactionType.TAX).at(at(-3)).asset("JPY").quantity("700").ref("test", "x1").build())
            .book();

    assertAmount("9000", book.quantity(jpy()));
    assertAmount("300", book.fees().get(jpy()));
    assertAmount("700", book.taxes().get(jpy()));
  }

  @Test
  void aStakingRewardWithAPriceIsIncomeAndALotAtThatCost() {
    Transaction reward =
        Transaction.builder(TransactionType.STAKING_REWARD)
            .at(at(-1))
            .asset("ETH")
            .quantity("0.1")
            .price("400000", "JPY")
            .ref("test", "r1")
            .build();
    LedgerBook book = jpyBook().apply("t1", reward).book();

    Lot lot = book.positions().get(AssetId.of("ETH")).lots().asList().get(0);
    assertAmount("0.1", lot.quantity());
    assertAmount("40000", lot.cost());
    assertAmount("40000", book.income().get(jpy()));
    assertAmount("0", book.cash().getOrDefault(jpy(), BigDecimal.ZERO)); // a reward moves no cash
  }
}
