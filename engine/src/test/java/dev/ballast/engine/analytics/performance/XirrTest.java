package dev.ballast.engine.analytics.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.analytics.Fixtures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class XirrTest {

    private static CashFlow flow(String date, String amount) {
        return new CashFlow(LocalDate.parse(date), new BigDecimal(amount));
    }

    private static double rate(IrrResult result) {
        return assertInstanceOf(IrrResult.Found.class, result).rate();
    }

    /**
     * The example of Microsoft's Excel XIRR documentation (support.microsoft.com, "XIRR function"):
     * these flows give 0.373362535. Microsoft KB Q116041 gives the same schedule in 1992/1993 (also a
     * leap year, so the same day counts) as 0.373363. Excel stops at a relative tolerance of
     * 0.000001 %, so its printed value is within about 4e-9 of the root; scipy's brentq in
     * reference_values.py gives the root itself, 0.3733625335188314.
     */
    @Test
    void excelDocumentationExample() {
        var flows = List.of(
                flow("2008-01-01", "-10000"),
                flow("2008-03-01", "2750"),
                flow("2008-10-30", "4250"),
                flow("2009-02-15", "3250"),
                flow("2009-04-01", "2750"));
        double rate = rate(Xirr.of(flows));
        assertEquals(0.373362535, rate, 4e-9);
        assertEquals(Fixtures.reference("excel.xirr"), rate, 1e-12);
    }

    @Test
    void oneYearByHand() {
        // -1000 then +1100 365 days later: 1100 / 1000 - 1 = 0.1 exactly
        assertEquals(0.1, rate(Xirr.of(List.of(flow("2019-01-01", "-1000"), flow("2020-01-01", "1100")))), 1e-12);
        // over the 366 days of 2020: 1.1^(365/366) - 1 = 0.09971...
        assertEquals(Math.pow(1.1, 365.0 / 366) - 1, rate(Xirr.of(List.of(flow("2020-01-01", "-1000"), flow("2021-01-01", "1100")))), 1e-12);
    }

    @Test
    void orderOfTheFlowsDoesNotMatter() {
        var flows = List.of(flow("2021-12-31", "1500"), flow("2020-01-01", "-1000"), flow("2021-03-15", "200"), flow("2020-07-01", "-500"));
        // reference_values.py solves the same flows with scipy.optimize.brentq
        assertEquals(Fixtures.reference("f.xirr"), rate(Xirr.of(flows)), 1e-10);
    }

    @Test
    void aHugeRateIsFoundEvenWhenNewtonLeavesTheDomain() {
        // -1 then +1000 a year later: rate 999
        assertEquals(999, rate(Xirr.of(List.of(flow("2019-01-01", "-1"), flow("2020-01-01", "1000")))), 1e-6);
        // losing almost everything: -1000 then +1 a year later: rate -0.999
        assertEquals(-0.999, rate(Xirr.of(List.of(flow("2019-01-01", "-1000"), flow("2020-01-01", "1")))), 1e-9);
    }

    @Test
    void noRootWhenAllFlowsHaveOneSign() {
        var result = Xirr.of(List.of(flow("2020-01-01", "100"), flow("2021-01-01", "100")));
        assertInstanceOf(IrrResult.NoRoot.class, result);
        assertTrue(Double.isNaN(result.rateOrNaN()));
    }

    @Test
    void noRootForFewerThanTwoFlowsOrASingleDate() {
        assertInstanceOf(IrrResult.NoRoot.class, Xirr.of(List.of()));
        assertInstanceOf(IrrResult.NoRoot.class, Xirr.of(List.of(flow("2020-01-01", "-100"))));
        assertInstanceOf(IrrResult.NoRoot.class, Xirr.of(List.of(flow("2020-01-01", "-100"), flow("2020-01-01", "120"))));
    }

    @Test
    void noRootWhenTheValueNeverChangesSign() {
        // +100, -300, +250: NPV(x) = 100 - 300 v + 250 v^2 with v = 1/(1+r) has discriminant 90000 - 100000 < 0
        var result = Xirr.of(List.of(flow("2020-01-01", "100"), flow("2021-01-01", "-300"), flow("2022-01-01", "250")));
        assertInstanceOf(IrrResult.NoRoot.class, result);
    }
}
