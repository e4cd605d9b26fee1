package dev.ballast.engine.analytics.performance;

import static dev.ballast.engine.analytics.Fixtures.JAN_1_2024;
import static dev.ballast.engine.analytics.Fixtures.valuation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.analytics.Fixtures;
import dev.ballast.engine.analytics.series.ReturnSeries;
import dev.ballast.engine.analytics.series.ValuationHistory;
import dev.ballast.engine.analytics.series.ValueSeries;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceHandCasesTest {

    @Test
    void twrChainsTheFlowAdjustedDailyReturns() {
        // hand case B: 1.10 * 0.95 - 1 = 0.045
        assertEquals(0.045, TimeWeightedReturn.of(Fixtures.handCaseB().series()), 1e-15);
    }

    @Test
    void twrOfEmptyAndOnePointSeries() {
        assertTrue(Double.isNaN(TimeWeightedReturn.of(ValueSeries.daily(JAN_1_2024))));
        assertEquals(0.0, TimeWeightedReturn.of(ValueSeries.daily(JAN_1_2024, 42)), 0);
        assertTrue(Double.isNaN(TimeWeightedReturn.annualized(ValueSeries.daily(JAN_1_2024, 42))));
    }

    @Test
    void cumulativeReturnOfSeriesA() {
        // 110 / 100 - 1 = 0.1
        assertEquals(0.1, CumulativeReturn.ofValues(Fixtures.seriesA()), 1e-15);
        assertEquals(0.1, CumulativeReturn.of(Fixtures.returnsA()), 1e-14);
        assertEquals(0.0, CumulativeReturn.of(new double[0]), 0);
    }

    @Test
    void cagrOverCalendarDays() {
        // 100 -> 121 over 730 days: 1.21^(365/730) - 1 = 0.1
        assertEquals(0.1, AnnualizedReturn.cagr(0.21, LocalDate.of(2021, 1, 1), LocalDate.of(2023, 1, 1)), 1e-14);
        // series A: 1.1^(365/11) - 1, from reference_values.py
        assertEquals(Fixtures.reference("a.cagr"), TimeWeightedReturn.annualized(Fixtures.seriesA()), 1e-9);
        assertTrue(Double.isNaN(AnnualizedReturn.cagr(0.1, JAN_1_2024, JAN_1_2024)));
    }

    @Test
    void cagrOverPeriods() {
        // 1.21 over 504 trading days at 252 per year: 1.21^(1/2) - 1 = 0.1
        assertEquals(0.1, AnnualizedReturn.cagrOverPeriods(0.21, 504, 252), 1e-14);
        // all lost: -1
        assertEquals(-1.0, AnnualizedReturn.cagrOverPeriods(-1, 10, 252), 0);
    }

    @Test
    void gainByHand() {
        // hand case B: 132 - 100 - (50 - 20) = 2; invested 100 + 50 = 150; 2 / 150 = 0.01333...
        Gain g = Gain.of(Fixtures.handCaseB()).orElseThrow();
        assertEquals(new BigDecimal("2"), g.absolute());
        assertEquals(new BigDecimal("150"), g.invested());
        assertEquals(2.0 / 150, g.relative(), 1e-15);
    }

    @Test
    void gainIsExactInDecimals() {
        var history = ValuationHistory.of(List.of(valuation("2024-01-01", "0.1"), valuation("2024-01-02", "0.3", "0.1")));
        // 0.3 - 0.1 - 0.1 = 0.1 exactly, which double arithmetic would not give
        assertEquals(0, new BigDecimal("0.1").compareTo(Gain.of(history).orElseThrow().absolute()));
    }

    @Test
    void gainOfEmptyAndZeroHistories() {
        assertTrue(Gain.of(ValuationHistory.of(List.of())).isEmpty());
        assertTrue(Double.isNaN(Gain.of(ValuationHistory.of(List.of(valuation("2024-01-01", "0")))).orElseThrow().relative()));
    }

    @Test
    void moneyWeightedReturnOfTheHandCase() {
        // investor flows of case B: -100 on 01-01, -50 on 01-02, +20 + 132 = 152 on 01-03
        var flows = MoneyWeightedReturn.cashFlows(Fixtures.handCaseB());
        assertEquals(List.of(
                new CashFlow(LocalDate.of(2024, 1, 1), new BigDecimal("-100")),
                new CashFlow(LocalDate.of(2024, 1, 2), new BigDecimal("-50")),
                new CashFlow(LocalDate.of(2024, 1, 3), new BigDecimal("152"))), flows);
        double rate = assertInstanceOf(IrrResult.Found.class, MoneyWeightedReturn.of(Fixtures.handCaseB())).rate();
        // the rate makes the net present value zero: check the defining equation directly
        double v = 1 + rate;
        assertEquals(0, -100 - 50 * Math.pow(v, -1 / 365.0) + 152 * Math.pow(v, -2 / 365.0), 1e-9);
    }

    @Test
    void moneyWeightedReturnOfAnEmptyHistoryHasNoRoot() {
        assertInstanceOf(IrrResult.NoRoot.class, MoneyWeightedReturn.of(ValuationHistory.of(List.of())));
    }

    @Test
    void monthlyReturnsChainTheDaysOfEachMonth() {
        // 100 on 01-30, 110 on 01-31 (+10 %), 99 on 02-01 (-10 %), 108.9 on 02-02 (+10 %)
        LocalDate[] d = {LocalDate.of(2024, 1, 30), LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 2)};
        var r = ReturnSeries.of(ValueSeries.of(d, new double[] {100, 110, 99, 108.9}));
        var months = PeriodReturns.of(r, Frequency.MONTH);
        assertEquals(2, months.size());
        assertEquals("2024-01", months.get(0).label());
        assertEquals(0.10, months.get(0).value(), 1e-12);
        assertEquals(LocalDate.of(2024, 1, 30), months.get(0).from());
        // February: 0.9 * 1.1 - 1 = -0.01, from the 01-31 valuation to 02-02
        assertEquals("2024-02", months.get(1).label());
        assertEquals(-0.01, months.get(1).value(), 1e-12);
        assertEquals(LocalDate.of(2024, 1, 31), months.get(1).from());
        assertEquals(LocalDate.of(2024, 2, 2), months.get(1).to());
        var years = PeriodReturns.of(r, Frequency.YEAR);
        assertEquals(1, years.size());
        assertEquals(0.089, years.get(0).value(), 1e-12);
    }

    @Test
    void periodLabels() {
        LocalDate d = LocalDate.of(2024, 12, 30); // a Monday in ISO week 1 of 2025
        assertEquals("2024-12-30", Frequency.DAY.label(d));
        assertEquals("2025-W01", Frequency.WEEK.label(d));
        assertEquals("2024-12", Frequency.MONTH.label(d));
        assertEquals("2024-Q4", Frequency.QUARTER.label(d));
        assertEquals("2024", Frequency.YEAR.label(d));
    }

    @Test
    void weeksSkipAGapWithoutValuations() {
        // values on 2024-01-01 (Mon, W01), 2024-01-03 (W01) and 2024-01-17 (W03): W02 has no valuation
        LocalDate[] d = {LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 17)};
        var weeks = PeriodReturns.of(ReturnSeries.of(ValueSeries.of(d, new double[] {100, 105, 84})), Frequency.WEEK);
        assertEquals(List.of("2024-W01", "2024-W03"), weeks.stream().map(PeriodReturn::label).toList());
        assertEquals(-0.2, weeks.get(1).value(), 1e-12);
    }
}
