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
        List<CashFlow> flows = new ArrayList<>();
        if (v.isEmpty()) {
            return flows;
        }
        flows.add(new CashFlow(v.get(0).date(), v.get(0).value().negate()));
        for (int i = 1; i < v.size(); i++) {
            Valuation day = v.get(i);
            var amount = day.flow();
            if (i == v.size() - 1) {
                amount = day.value().subtract(amount);
            } else if (amount.signum() != 0) {
                amount = amount.negate();
            }
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
