package dev.ballast.engine.ledger.costbasis;

import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.btc;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.engine.Fixtures.split;
import static dev.ballast.engine.Fixtures.trade;
import static dev.ballast.engine.Fixtures.usdt;
import static dev.ballast.engine.Fixtures.withdrawal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.ledger.Disposal;
import dev.ballast.engine.ledger.Movements;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The moving average cost method on its own; every expected value is worked by hand in the comments. */
class MovingAverageTest {

    /** The costs after the transactions (ids t1, t2, ...) and everything they realized, in order. */
    private record Replay(CostBasis basis, List<Realized> realized) {
        Holding holding(AssetId asset) {
            return basis.holdings().get(asset);
        }
    }

    private static Replay replay(Transaction... txs) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < txs.length; i++) {
            entries.add(new Entry("t" + (i + 1), txs[i].timestamp(), Movements.of(txs[i], jpy())));
        }
        CostBasis basis = new MovingAverage().costs(jpy(), entries, null);
        return new Replay(basis, basis.realized());
    }

    private static void assertAmount(String expected, Money actual) {
        assertTrue(actual != null, () -> "expected " + expected + " JPY but was unknown");
        assertEquals(jpy(), actual.currency());
        assertAmount(expected, actual.amount());
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertTrue(actual != null && new BigDecimal(expected).compareTo(actual) == 0,
                () -> "expected " + expected + " but was " + (actual == null ? null : actual.toPlainString()));
    }

    @Test
    void twoBuysMakeAnAverageAndASaleRealizesAgainstIt() {
        // buy 1 @100, buy 1 @200 -> 2 units costing 300, average 150
        // sell 1.5 @300 -> proceeds 450, cost 1.5 x 150 = 225, realized +225; 0.5 left costing 75
        Replay r = replay(
                buy(at(-10), "b1", "1", "BTC", "100", "JPY"),
                buy(at(-9), "b2", "1", "BTC", "200", "JPY"),
                sell(at(-8), "s1", "1.5", "BTC", "300", "JPY"));

        assertEquals(1, r.realized().size());
        Realized sale = r.realized().get(0);
        assertEquals(Disposal.SALE, sale.disposal());
        assertEquals("t3", sale.closedBy());
        assertAmount("1.5", sale.quantity());
        assertAmount("225", sale.cost());
        assertAmount("450", sale.proceeds());
        assertAmount("225", sale.pnl());
        Holding btc = r.holding(btc());
        assertAmount("0.5", btc.quantity());
        assertAmount("75", btc.cost());
        assertFalse(sale.provisional());
    }

    @Test
    void feesInThePriceCurrencyAreInCostAndProceedsAndAFeeInTheAssetIsALoss() {
        // t1 buy 2 @100, fee 10 JPY: 2 units costing 210
        // t2 buy 1 @130, fee 0.5 BTC: 0.5 units received for 130 -> 2.5 units costing 340, average 136
        // t3 sell 2 @150, fee 6 JPY: proceeds 300 - 6 = 294, cost 2 x 136 = 272 -> +22; 0.5 left costing 68
        // t4 fee 0.1 BTC: cost 0.1 x 136 = 13.6, no proceeds -> -13.6; 0.4 left costing 54.4
        Replay r = replay(
                trade(TransactionType.BUY, at(-10), "b1", "2", "BTC", "100", "JPY").fee("10", "JPY").build(),
                trade(TransactionType.BUY, at(-9), "b2", "1", "BTC", "130", "JPY").fee("0.5", "BTC").build(),
                trade(TransactionType.SELL, at(-8), "s1", "2", "BTC", "150", "JPY").fee("6", "JPY").build(),
                Transaction.builder(TransactionType.FEE).at(at(-7)).asset("BTC").quantity("0.1").ref(Fixtures.SOURCE, "f1").build());

        assertEquals(2, r.realized().size());
        assertAmount("22", r.realized().get(0).pnl());
        assertEquals(Disposal.FEE, r.realized().get(1).disposal());
        assertAmount("0", r.realized().get(1).proceeds());
        assertAmount("-13.6", r.realized().get(1).pnl());
        assertAmount("0.4", r.holding(btc()).quantity());
        assertAmount("54.4", r.holding(btc()).cost());
    }

    @Test
    void aSplitKeepsTheTotalCostAndChangesTheQuantity() {
        // buy 10 @1000 -> 10 costing 10,000; split 2:1 -> 20 costing 10,000, average 500
        // buy 10 @560 -> 30 costing 15,600, average 520; sell 15 @600 -> 9,000 - 15 x 520 = +1,200
        Replay r = replay(
                buy(at(-10), "b1", "10", "7203.T", "1000", "JPY"),
                split(at(-9), "x1", "7203.T", "2"),
                buy(at(-8), "b2", "10", "7203.T", "560", "JPY"),
                sell(at(-7), "s1", "15", "7203.T", "600", "JPY"));

        assertAmount("1200", r.realized().get(0).pnl());
        Holding h = r.holding(AssetId.of("7203.T"));
        assertAmount("15", h.quantity());
        assertAmount("7800", h.cost());
    }

    @Test
    void aWithdrawalTakesCostAtTheAverageWithoutPnl() {
        // 2 units costing 300 (average 150); withdraw 0.5 -> 1.5 left costing 225, nothing realized
        Replay r = replay(
                buy(at(-10), "b1", "1", "BTC", "100", "JPY"),
                buy(at(-9), "b2", "1", "BTC", "200", "JPY"),
                withdrawal(at(-8), "w1", "0.5", "BTC"));

        assertTrue(r.realized().isEmpty());
        assertAmount("1.5", r.holding(btc()).quantity());
        assertAmount("225", r.holding(btc()).cost());
    }

    @Test
    void anUnknownCostStaysUnknownUntilTheHoldingIsSoldOut() {
        // 1 BTC deposited without a price + 1 bought @200: the total cost is unknown, so is a sale's P&L;
        // selling the rest empties the holding, and a later buy @100 has a known cost again
        Replay r = replay(
                deposit(at(-10), "d1", "1", "BTC"),
                buy(at(-9), "b1", "1", "BTC", "200", "JPY"),
                sell(at(-8), "s1", "1", "BTC", "300", "JPY"));
        assertNull(r.holding(btc()).cost());
        assertNull(r.realized().get(0).pnl());
        assertAmount("300", r.realized().get(0).proceeds());

        Replay later = replay(
                deposit(at(-10), "d1", "1", "BTC"),
                buy(at(-9), "b1", "1", "BTC", "200", "JPY"),
                sell(at(-8), "s1", "2", "BTC", "300", "JPY"),
                buy(at(-7), "b2", "1", "BTC", "100", "JPY"));
        assertAmount("100", later.holding(btc()).cost());
    }

    @Test
    void aPriceInAnotherCurrencyNeedsAnFxRate() {
        // 1 BTC @100 USD without fxRate: cost unknown in JPY; with fxRate 150: 15,000 JPY
        assertNull(replay(buy(at(-2), "b1", "1", "BTC", "100", "USD")).holding(btc()).cost());
        Replay known = replay(trade(TransactionType.BUY, at(-2), "b1", "1", "BTC", "100", "USD").fxRate("150").build());
        assertAmount("15000", known.holding(btc()).cost());
    }

    @Test
    void cryptoToCryptoDisposesOfTheSettlementAssetAtItsAverage() {
        // 100 USDT @150 JPY + 100 USDT @160 JPY -> 200 USDT costing 31,000, average 155
        // buy 0.01 BTC @10,000 USDT, fxRate 158: 100 USDT leave worth 15,800 JPY against a cost of
        // 100 x 155 = 15,500 -> +300; the BTC costs 15,800; 100 USDT are left costing 15,500
        Replay r = replay(
                buy(at(-10), "u1", "100", "USDT", "150", "JPY"),
                buy(at(-9), "u2", "100", "USDT", "160", "JPY"),
                trade(TransactionType.BUY, at(-8), "b1", "0.01", "BTC", "10000", "USDT").fxRate("158").build());

        assertEquals(1, r.realized().size());
        assertEquals(usdt(), r.realized().get(0).asset());
        assertAmount("300", r.realized().get(0).pnl());
        assertAmount("15800", r.holding(btc()).cost());
        assertAmount("15500", r.holding(usdt()).cost());
    }

    @Test
    void aShortPositionAveragesItsProceedsAndABuyClosesAgainstThem() {
        // sell 1 @300 and 1 @100 short: -2 units, cost -400 (proceeds), average -200
        // buy 1 @150: pays 150 against an average of 200 received -> +50; -1 left at cost -200
        Replay r = replay(
                sell(at(-10), "s1", "1", "BTC", "300", "JPY"),
                sell(at(-9), "s2", "1", "BTC", "100", "JPY"),
                buy(at(-8), "b1", "1", "BTC", "150", "JPY"));

        assertAmount("50", r.realized().get(0).pnl());
        assertAmount("-1", r.holding(btc()).quantity());
        assertAmount("-200", r.holding(btc()).cost());
    }
}
