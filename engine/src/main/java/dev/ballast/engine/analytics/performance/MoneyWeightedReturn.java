package dev.ballast.engine.analytics.performance;

import dev.ballast.engine.analytics.series.Valuation;
import dev.ballast.engine.analytics.series.ValuationHistory;
import java.util.ArrayList;
import java.util.List;

/** Money-weighted return: the XIRR of a valuation history seen from the investor. */
public final class MoneyWeightedReturn {

    private MoneyWeightedReturn() {
    }

    /**
     * The cash flows of a history seen from the investor: the first value paid in on the first day,
     * each later flow with its sign turned ({@code -F_t}), the last value received on the last day
     * (docs/metrics.md#money-weighted-return). Days without flow are left out.
     */
    public static List<CashFlow> cashFlows(ValuationHistory history) {
        List<Valuation> v = history.valuations();
        int[] flowDays = history.flowDays();
        List<CashFlow> flows = new ArrayList<>(flowDays.length + 2);
        if (v.isEmpty()) {
            return flows;
        }
        int last = v.size() - 1;
        flows.add(new CashFlow(v.get(0).date(), v.get(0).value().negate()));
        // only the days with a flow, then the last day: the others add nothing
        for (int i : flowDays) {
            if (i < last) {
                Valuation day = v.get(i);
                flows.add(new CashFlow(day.date(), day.flow().negate()));
            }
        }
        if (last > 0) {
            Valuation day = v.get(last);
            var amount = day.value().subtract(day.flow());
            if (amount.signum() != 0) {
                flows.add(new CashFlow(day.date(), amount));
            }
        }
        return flows;
    }

    /** The annual money-weighted return, by {@link Xirr} over {@link #cashFlows} (docs/metrics.md#money-weighted-return). */
    public static IrrResult of(ValuationHistory history) {
        return Xirr.of(cashFlows(history));
    }
}
