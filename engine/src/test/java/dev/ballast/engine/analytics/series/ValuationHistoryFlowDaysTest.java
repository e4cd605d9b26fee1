package dev.ballast.engine.analytics.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index of the days with a flow, and the exact sums read through it. */
class ValuationHistoryFlowDaysTest {

    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    @Test
    void flowDaysAreTheDaysAfterTheFirstWithANonZeroFlowEvenBelowTheSmallestDouble() {
        BigDecimal tiny = new BigDecimal("1E-400"); // rounds to a double zero, but is not zero
        BigDecimal[] flows = {new BigDecimal("50"), BigDecimal.ZERO, new BigDecimal("0.00"), tiny, new BigDecimal("-20.5"),
            BigDecimal.ZERO, new BigDecimal("30")};
        List<Valuation> valuations = new ArrayList<>();
        for (int i = 0; i < flows.length; i++) {
            valuations.add(new Valuation(START.plusDays(i), new BigDecimal("1000"), flows[i]));
        }
        ValuationHistory history = ValuationHistory.of(valuations);
        assertEquals(0.0, history.series().flow(3));
        assertArrayEquals(new int[] {3, 4, 6}, history.flowDays());
        assertEquals(new BigDecimal("-20.5").add(tiny).add(new BigDecimal("30")), history.flowsAfterStart());
        assertEquals(tiny.add(new BigDecimal("30")), history.depositsAfterStart());
    }

    @Test
    void historiesWithoutFlowsHaveNoFlowDays() {
        assertArrayEquals(new int[0], ValuationHistory.of(List.of()).flowDays());
        assertArrayEquals(new int[0], ValuationHistory.of(List.of(new Valuation(START, BigDecimal.TEN, BigDecimal.ONE))).flowDays());
        assertEquals(BigDecimal.ZERO, ValuationHistory.of(List.of(Valuation.of(START, BigDecimal.TEN))).flowsAfterStart());
    }
}
