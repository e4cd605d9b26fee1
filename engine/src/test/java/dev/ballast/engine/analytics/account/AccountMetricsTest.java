package dev.ballast.engine.analytics.account;

import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.btc;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.dividend;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.engine.Fixtures.split;
import static dev.ballast.engine.Fixtures.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.analytics.trades.TradeStatistics;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountMetricsTest {

    private static final AssetId TOYOTA = AssetId.of("7203.T");

    /** The transactions as a ledger in the given order, with ids t1, t2, ... */
    private static List<LedgerEntry> ledger(Transaction... txs) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < txs.length; i++) {
            entries.add(new LedgerEntry("t" + (i + 1), txs[i]));
        }
        return entries;
    }

    private static AccountMetrics jpyMetrics(List<LedgerEntry> ledger, Window window, Map<AssetId, BigDecimal> prices) {
        return AccountMetrics.of(jpy(), false, ledger, window, prices);
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertTrue(actual != null && new BigDecimal(expected).compareTo(actual) == 0,
                () -> "expected " + expected + " but was " + (actual == null ? null : actual.toPlainString()));
    }

    private static void assertAmount(String expected, Optional<BigDecimal> actual) {
        assertTrue(actual.isPresent(), () -> "expected " + expected + " but it is unknown");
        assertAmount(expected, actual.get());
    }

    private static LocalDate day(int offset) {
        return LocalDate.ofInstant(at(offset), ZoneOffset.UTC);
    }

    /** buy 1 @100, buy 1 @200, sell 1.5 @300, all in JPY. */
    private static List<LedgerEntry> twoBuysOneSale() {
        return ledger(
                buy(at(-10), "b1", "1", "BTC", "100", "JPY"),
                buy(at(-9), "b2", "1", "BTC", "200", "JPY"),
                sell(at(-8), "s1", "1.5", "BTC", "300", "JPY"));
    }

    @Test
    void fifoRealizesTheOldestLotFirstAndValuesTheRestAtTheGivenPrice() {
        AccountMetrics m = jpyMetrics(twoBuysOneSale(), Window.ALL, Map.of(btc(), new BigDecimal("400")));

        // the sale brings 1.5 x 300 = 450, shared by the units it closes (FIFO):
        //   lot b1: 1 unit,   proceeds 450 x 1/1.5 = 300, cost 100 -> +200, held 2 days
        //   lot b2: 0.5 unit, proceeds 450 x 0.5/1.5 = 150, cost 200 x 0.5 = 100 -> +50, held 1 day
        // realized 200 + 50 = 250; open 0.5 BTC costing 100, worth 0.5 x 400 = 200 -> unrealized +100
        assertAmount("250", m.realizedPnl());
        assertEquals(0, m.unmeasuredClosings());
        assertAmount("100", m.unrealizedPnl());
        PositionPnl btc = m.positions().get(0);
        assertEquals(btc(), btc.asset());
        assertAmount("0.5", btc.quantity());
        assertAmount("100", btc.costInAccount());
        assertAmount("200", btc.marketValue());
        assertAmount("250", btc.realizedPnl());

        TradeStatistics trades = m.trades();
        assertEquals(2, trades.count());
        assertEquals(2, trades.wins());
        assertEquals(1.0, trades.winRate());
        assertAmount("250", trades.grossProfit());
        assertAmount("125", trades.averageWin());
        assertAmount("200", trades.largestWin());
        assertAmount("125", trades.expectancy());
        assertTrue(Double.isNaN(trades.profitFactor()), "no losses: profit factor undefined");
        assertEquals(Duration.ofHours(36), trades.holding().orElseThrow().average());
        assertEquals(Duration.ofDays(1), trades.holding().orElseThrow().shortest());
        assertEquals(Duration.ofDays(2), trades.holding().orElseThrow().longest());
    }

    @Test
    void withoutAPriceTheUnrealizedPnlIsUnknownAndSaysWhy() {
        AccountMetrics m = jpyMetrics(twoBuysOneSale(), Window.ALL, Map.of());

        assertTrue(m.unrealizedPnl().isEmpty());
        assertTrue(m.positions().get(0).marketValue().isEmpty());
        assertEquals(Optional.of("no price given for BTC"), m.positions().get(0).unknownBecause());
        assertAmount("250", m.realizedPnl());
        assertNull(m.metrics().get("unrealized_pnl"));
        assertEquals(List.of("no price given for BTC"), m.metrics().get("unrealized_unknown"));
    }

    /**
     * 7203.T in a JPY account:
     * t1 day -30 buy 10 @1000, fee 100: one lot of 10 costing 10,000 + 100 = 10,100
     * t2 day -20 dividend 500, tax 75
     * t3 day -10 sell 4 @1200, fee 50, tax 20: proceeds 4,800 - 50 = 4,750, cost 10,100 x 4/10 = 4,040 -> +710
     * t4 day -5  sell 6 @900: proceeds 5,400, cost 10,100 - 4,040 = 6,060 -> -660
     */
    private static List<LedgerEntry> toyotaHistory() {
        return ledger(
                trade(TransactionType.BUY, at(-30), "b1", "10", "7203.T", "1000", "JPY").fee("100", "JPY").build(),
                Transaction.builder(TransactionType.DIVIDEND).at(at(-20)).asset("7203.T").amount("500", "JPY")
                        .tax("75", "JPY").ref(Fixtures.SOURCE, "d1").build(),
                trade(TransactionType.SELL, at(-10), "s1", "4", "7203.T", "1200", "JPY").fee("50", "JPY").tax("20", "JPY").build(),
                sell(at(-5), "s2", "6", "7203.T", "900", "JPY"));
    }

    @Test
    void totalsFeesTaxesAndIncomeAndCountsWinsAndLosses() {
        AccountMetrics m = jpyMetrics(toyotaHistory(), Window.ALL, Map.of());

        assertAmount("50", m.realizedPnl()); // 710 - 660
        assertAmount("150", m.fees().get(jpy())); // 100 + 50
        assertAmount("95", m.taxes().get(jpy())); // 75 + 20
        assertAmount("500", m.income().get(TransactionType.DIVIDEND).get(jpy()));
        assertAmount("0", m.unrealizedPnl()); // nothing is open: known, and zero

        TradeStatistics trades = m.trades();
        assertEquals(2, trades.count());
        assertEquals(0.5, trades.winRate());
        assertAmount("-660", trades.largestLoss());
        assertAmount("25", trades.expectancy()); // (710 - 660) / 2
        assertEquals(710.0 / 660.0, trades.profitFactor(), 1e-12);
        assertEquals(710.0 / 660.0, trades.rewardRisk(), 1e-12);
    }

    @Test
    void aWindowCountsWhatHappenedInsideItAndValuesTheBookAtItsEnd() {
        // from day -10 on: the two sales and their fee and tax; the dividend and the buy fee are before
        AccountMetrics late = jpyMetrics(toyotaHistory(), Window.days(day(-10), null), Map.of());
        assertAmount("50", late.realizedPnl());
        assertAmount("50", late.fees().get(jpy()));
        assertAmount("20", late.taxes().get(jpy()));
        assertTrue(late.income().isEmpty());

        // up to day -10 included: the second sale has not happened, 6 shares are open costing 6,060;
        // at 1,100 they are worth 6,600 -> unrealized +540
        AccountMetrics early = jpyMetrics(toyotaHistory(), Window.days(null, day(-10)), Map.of(TOYOTA, new BigDecimal("1100")));
        assertAmount("710", early.realizedPnl());
        assertAmount("150", early.fees().get(jpy()));
        assertAmount("95", early.taxes().get(jpy()));
        assertAmount("500", early.income().get(TransactionType.DIVIDEND).get(jpy()));
        assertAmount("6", early.positions().get(0).quantity());
        assertAmount("540", early.unrealizedPnl());
        assertEquals(1, early.trades().count());
    }

    @Test
    void lotsOfUnknownCostAreNeitherRealizedNorValuedButCounted() {
        // 1 BTC deposited without a price has no known cost; selling half of it closes a lot whose
        // P&L cannot be measured; a priced staking reward is income
        List<LedgerEntry> entries = ledger(
                deposit(at(-5), "d1", "1", "BTC"),
                sell(at(-4), "s1", "0.5", "BTC", "300", "JPY"),
                Transaction.builder(TransactionType.STAKING_REWARD).at(at(-3)).asset("ETH").quantity("0.1")
                        .price("300000", "JPY").ref(Fixtures.SOURCE, "r1").build());
        AccountMetrics m = jpyMetrics(entries, Window.ALL, Map.of(btc(), new BigDecimal("400"), AssetId.of("ETH"), new BigDecimal("310000")));

        assertAmount("0", m.realizedPnl());
        assertEquals(1, m.unmeasuredClosings());
        assertEquals(0, m.trades().count());
        assertTrue(m.unrealizedPnl().isEmpty(), "the BTC lot's cost is unknown");
        PositionPnl btc = m.positions().stream().filter(p -> p.asset().equals(btc())).findFirst().orElseThrow();
        assertTrue(btc.unknownBecause().orElseThrow().contains("cost of some BTC lots is unknown"));
        assertAmount("200", btc.marketValue()); // the value is known even when the gain is not
        PositionPnl eth = m.positions().stream().filter(p -> p.asset().value().equals("ETH")).findFirst().orElseThrow();
        assertAmount("1000", eth.unrealizedPnl()); // 0.1 x 310,000 - 0.1 x 300,000
        assertAmount("30000", m.income().get(TransactionType.STAKING_REWARD).get(jpy()));
    }

    @Test
    void aDividendOnlyAppearsAsIncomeOfItsType() {
        AccountMetrics m = jpyMetrics(ledger(dividend(at(-2), "d1", "7203.T", "120", "JPY")), Window.ALL, Map.of());
        assertEquals(Map.of(TransactionType.DIVIDEND, Map.of(jpy(), new BigDecimal("120"))), m.income());
        assertTrue(m.positions().isEmpty());
    }

    @Test
    void badPricesAndBackwardWindowsAreRejectedWithTheField() {
        IllegalArgumentException price = assertThrows(IllegalArgumentException.class,
                () -> jpyMetrics(twoBuysOneSale(), Window.ALL, Map.of(btc(), new BigDecimal("-1"))));
        assertTrue(price.getMessage().startsWith("price of BTC"), price.getMessage());
        IllegalArgumentException window = assertThrows(IllegalArgumentException.class, () -> Window.days(day(-1), day(-2)));
        assertTrue(window.getMessage().startsWith("to:"), window.getMessage());
    }

    @Test
    void theKeyedViewUsesTheDocumentedNames() {
        Map<String, Object> m = jpyMetrics(twoBuysOneSale(), Window.ALL, Map.of(btc(), new BigDecimal("400"))).metrics();
        assertEquals("FIFO", m.get("method"));
        assertEquals("FIFO", m.get("trades_matching"));
        assertEquals("250", m.get("realized_pnl"));
        assertEquals("100", m.get("unrealized_pnl"));
        @SuppressWarnings("unchecked")
        Map<String, Object> trades = (Map<String, Object>) m.get("trades");
        assertEquals(2, trades.get("trade_count"));
        assertNull(trades.get("profit_factor"));
        assertEquals(1.5, (Double) trades.get("holding_days_average"), 1e-12);
    }

    // ---- average cost --------------------------------------------------------------------

    private static AccountMetrics average(List<LedgerEntry> ledger, Window window, Map<AssetId, BigDecimal> prices) {
        return AccountMetrics.of(jpy(), false, ledger, window, prices, CostMethod.AVERAGE);
    }

    /** Both methods move the same units: the open quantities agree asset by asset. */
    private static void assertSameQuantities(AccountMetrics fifo, AccountMetrics avg) {
        assertEquals(fifo.positions().stream().map(p -> p.asset() + "=" + p.quantity().stripTrailingZeros()).toList(),
                avg.positions().stream().map(p -> p.asset() + "=" + p.quantity().stripTrailingZeros()).toList());
    }

    @Test
    void averageCostDiffersFromFifoWhileTheTradesStayFifoRoundTrips() {
        Map<AssetId, BigDecimal> at400 = Map.of(btc(), new BigDecimal("400"));
        AccountMetrics fifo = jpyMetrics(twoBuysOneSale(), Window.ALL, at400);
        AccountMetrics avg = average(twoBuysOneSale(), Window.ALL, at400);

        // FIFO (worked above): realized 250, 0.5 open costing 100 -> unrealized 200 - 100 = 100
        assertAmount("250", fifo.realizedPnl());
        assertAmount("100", fifo.unrealizedPnl());
        // average: 2 costing 300, average 150; sell 1.5 @300: 450 - 1.5 x 150 = 225
        // 0.5 left costing 75, worth 0.5 x 400 = 200 -> unrealized 125
        assertAmount("225", avg.realizedPnl());
        assertAmount("125", avg.unrealizedPnl());
        PositionPnl btc = avg.positions().get(0);
        assertAmount("75", btc.costInAccount());
        assertAmount("225", btc.realizedPnl());
        assertSameQuantities(fifo, avg);
        // the total gain does not depend on the method: 250 + 100 = 225 + 125
        assertAmount("350", avg.realizedPnl().add(avg.unrealizedPnl().get()));

        // the trade statistics are the FIFO round trips under either method
        assertEquals(2, avg.trades().count());
        assertAmount("250", avg.trades().grossProfit());
        assertEquals("AVERAGE", avg.metrics().get("method"));
        assertEquals("FIFO", avg.metrics().get("trades_matching"));
        assertEquals("225", avg.metrics().get("realized_pnl"));
    }

    @Test
    void averageCostWithFeesReusesTheFeeTotals() {
        // t1 buy 2 @100 fee 10 JPY -> 2 costing 210; t2 buy 1 @130 fee 0.5 BTC -> 2.5 costing 340, avg 136
        // t3 sell 2 @150 fee 6 JPY -> 294 - 272 = +22; t4 fee 0.1 BTC -> -13.6
        // realized 22 - 13.6 = 8.4; 0.4 left costing 54.4, worth 0.4 x 200 = 80 -> unrealized 25.6
        List<LedgerEntry> entries = ledger(
                trade(TransactionType.BUY, at(-10), "b1", "2", "BTC", "100", "JPY").fee("10", "JPY").build(),
                trade(TransactionType.BUY, at(-9), "b2", "1", "BTC", "130", "JPY").fee("0.5", "BTC").build(),
                trade(TransactionType.SELL, at(-8), "s1", "2", "BTC", "150", "JPY").fee("6", "JPY").build(),
                Transaction.builder(TransactionType.FEE).at(at(-7)).asset("BTC").quantity("0.1").ref(Fixtures.SOURCE, "f1").build());
        AccountMetrics m = average(entries, Window.ALL, Map.of(btc(), new BigDecimal("200")));

        assertAmount("8.4", m.realizedPnl());
        assertAmount("25.6", m.unrealizedPnl());
        assertAmount("54.4", m.positions().get(0).costInAccount());
        assertAmount("16", m.fees().get(jpy())); // 10 + 6
        assertAmount("0.6", m.fees().get(btc())); // 0.5 + 0.1
        assertEquals(1, m.trades().count()); // the sale; the fee is no trade
        assertSameQuantities(jpyMetrics(entries, Window.ALL, Map.of()), m);
    }

    @Test
    void aSplitUnderBothMethods() {
        // buy 10 @1000 (10,000), split 2:1, buy 10 @560 (5,600), sell 15 @600 (9,000); price 550 at the end
        // average: 20 costing 10,000, then 30 costing 15,600 (avg 520); realized 9,000 - 7,800 = 1,200;
        //   15 left costing 7,800, worth 8,250 -> unrealized 450
        // FIFO: the split lot is 20 at 500; the sale takes 15 of it (7,500) -> 1,500; open 5 x 500 + 5,600
        //   = 8,100 -> unrealized 150. Both total 1,650.
        List<LedgerEntry> entries = ledger(
                buy(at(-10), "b1", "10", "7203.T", "1000", "JPY"),
                split(at(-9), "x1", "7203.T", "2"),
                buy(at(-8), "b2", "10", "7203.T", "560", "JPY"),
                sell(at(-7), "s1", "15", "7203.T", "600", "JPY"));
        Map<AssetId, BigDecimal> prices = Map.of(TOYOTA, new BigDecimal("550"));
        AccountMetrics avg = average(entries, Window.ALL, prices);
        AccountMetrics fifo = jpyMetrics(entries, Window.ALL, prices);

        assertAmount("1200", avg.realizedPnl());
        assertAmount("450", avg.unrealizedPnl());
        assertAmount("7800", avg.positions().get(0).costInAccount());
        assertAmount("1500", fifo.realizedPnl());
        assertAmount("150", fifo.unrealizedPnl());
        assertAmount("8100", fifo.positions().get(0).costInAccount());
        assertSameQuantities(fifo, avg);
    }

    @Test
    void averageCostSaysWhenACostIsUnknown() {
        // 1 BTC deposited without a price + 1 bought @200: the average is unknown, the sale of 1 unmeasured
        List<LedgerEntry> entries = ledger(
                deposit(at(-10), "d1", "1", "BTC"),
                buy(at(-9), "b1", "1", "BTC", "200", "JPY"),
                sell(at(-8), "s1", "1", "BTC", "300", "JPY"));
        AccountMetrics m = average(entries, Window.ALL, Map.of(btc(), new BigDecimal("400")));

        assertAmount("0", m.realizedPnl());
        assertEquals(1, m.unmeasuredClosings());
        assertTrue(m.unrealizedPnl().isEmpty());
        PositionPnl btc = m.positions().get(0);
        assertTrue(btc.costInAccount().isEmpty());
        assertAmount("400", btc.marketValue());
        assertTrue(btc.unknownBecause().orElseThrow().contains("average cost of BTC is unknown"), btc.unknownBecause().get());
    }

    @Test
    void averageCostCountsRealizationsInsideTheWindowOnly() {
        // to day -9: the sale has not happened; 2 BTC costing 300 worth 800 -> +500
        AccountMetrics early = average(twoBuysOneSale(), Window.days(null, day(-9)), Map.of(btc(), new BigDecimal("400")));
        assertAmount("0", early.realizedPnl());
        assertAmount("500", early.unrealizedPnl());
        // from day -8: the sale is inside, the buys before it still make the average -> 225
        AccountMetrics late = average(twoBuysOneSale(), Window.days(day(-8), null), Map.of());
        assertAmount("225", late.realizedPnl());
        // from day -7: nothing realized inside
        assertAmount("0", average(twoBuysOneSale(), Window.days(day(-7), null), Map.of()).realizedPnl());
    }
}
