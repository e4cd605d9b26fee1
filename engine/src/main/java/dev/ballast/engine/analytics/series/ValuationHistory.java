package dev.ballast.engine.analytics.series;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Exact daily valuations of one portfolio in date order, with the {@link ValueSeries} view of them
 * that the analytics compute on.
 */
public final class ValuationHistory {

    private final List<Valuation> valuations;
    private final ValueSeries series;
    /** Indices after the first day whose flow is not zero: most days have none, and the sums need only these. */
    private final int[] flowDays;

    private ValuationHistory(List<Valuation> valuations) {
        this.valuations = valuations;
        int n = valuations.size();
        LocalDate[] dates = new LocalDate[n];
        double[] values = new double[n];
        double[] flows = new double[n];
        int[] flowDays = new int[Math.max(0, n - 1)];
        int flowCount = 0;
        for (int i = 0; i < n; i++) {
            Valuation v = valuations.get(i);
            dates[i] = v.date();
            values[i] = v.value().doubleValue();
            flows[i] = v.flow().doubleValue();
            // the exact test, not flows[i] != 0: a tiny BigDecimal can round to a double zero
            if (i > 0 && v.flow().signum() != 0) {
                flowDays[flowCount++] = i;
            }
        }
        this.series = ValueSeries.of(dates, values, flows);
        this.flowDays = Arrays.copyOf(flowDays, flowCount);
    }

    /**
     * The history of the given valuations; dates must be strictly increasing (gaps are allowed).
     *
     * @throws IllegalArgumentException naming the index and date of the first out-of-order point
     */
    public static ValuationHistory of(List<Valuation> valuations) {
        if (valuations == null) {
            throw new IllegalArgumentException("valuations: missing");
        }
        for (int i = 0; i < valuations.size(); i++) {
            if (valuations.get(i) == null) {
                throw new IllegalArgumentException("valuations[" + i + "]: missing");
            }
        }
        return new ValuationHistory(List.copyOf(valuations));
    }

    public List<Valuation> valuations() {
        return valuations;
    }

    public int size() {
        return valuations.size();
    }

    public boolean isEmpty() {
        return valuations.isEmpty();
    }

    /** The same history as doubles, for the analytics over long series. */
    public ValueSeries series() {
        return series;
    }

    /** The indices of the days after the first with a non-zero flow, in increasing order. */
    public int[] flowDays() {
        return flowDays.clone();
    }

    /** The sum of the external flows after the first day (the first value already holds its own flow). */
    public BigDecimal flowsAfterStart() {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i : flowDays) {
            sum = sum.add(valuations.get(i).flow());
        }
        return sum;
    }

    /** The sum of the deposits (positive flows) after the first day. */
    public BigDecimal depositsAfterStart() {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i : flowDays) {
            BigDecimal flow = valuations.get(i).flow();
            if (flow.signum() > 0) {
                sum = sum.add(flow);
            }
        }
        return sum;
    }
}
