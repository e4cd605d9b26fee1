package dev.ballast.engine.analytics.series;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * End-of-day values of a portfolio or a price, with the external flow of each day, as doubles for
 * analytics over long series. Immutable: arrays are copied in and out.
 *
 * <p>Flow timing: a flow happens at the end of its day, after the market moved, so the value of
 * that day already includes it (docs/metrics.md#flow-timing).
 */
public final class ValueSeries {

    private final LocalDate[] dates;
    private final double[] values;
    private final double[] flows;

    private ValueSeries(LocalDate[] dates, double[] values, double[] flows) {
        this.dates = dates;
        this.values = values;
        this.flows = flows;
    }

    /**
     * A series of the given dates, values and flows.
     *
     * @throws IllegalArgumentException when lengths differ, a date is missing or not after the one
     *     before, a value is negative or not finite, or a flow is not finite; the message names the
     *     field, the index and the date
     */
    public static ValueSeries of(LocalDate[] dates, double[] values, double[] flows) {
        if (dates == null || values == null || flows == null) {
            throw new IllegalArgumentException("dates, values and flows: all required");
        }
        if (values.length != dates.length) {
            throw new IllegalArgumentException("values: length " + values.length + " differs from dates length " + dates.length);
        }
        if (flows.length != dates.length) {
            throw new IllegalArgumentException("flows: length " + flows.length + " differs from dates length " + dates.length);
        }
        for (int i = 0; i < dates.length; i++) {
            if (dates[i] == null) {
                throw new IllegalArgumentException("dates[" + i + "]: missing");
            }
            if (i > 0 && !dates[i].isAfter(dates[i - 1])) {
                throw new IllegalArgumentException("dates[" + i + "]: " + dates[i] + " is not after " + dates[i - 1]);
            }
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value on " + dates[i] + " (index " + i + "): not a finite number: " + values[i]);
            }
            if (values[i] < 0) {
                throw new IllegalArgumentException("value on " + dates[i] + " (index " + i + "): negative: " + values[i]);
            }
            if (!Double.isFinite(flows[i])) {
                throw new IllegalArgumentException("flow on " + dates[i] + " (index " + i + "): not a finite number: " + flows[i]);
            }
        }
        return new ValueSeries(dates.clone(), values.clone(), flows.clone());
    }

    /** A series without external flows (a price series, or a portfolio nobody paid into). */
    public static ValueSeries of(LocalDate[] dates, double[] values) {
        return of(dates, values, new double[values == null ? 0 : values.length]);
    }

    /** A series of consecutive calendar days from {@code start}, without flows. */
    public static ValueSeries daily(LocalDate start, double... values) {
        LocalDate[] dates = new LocalDate[values.length];
        for (int i = 0; i < values.length; i++) {
            dates[i] = start.plusDays(i);
        }
        return of(dates, values);
    }

    public int size() {
        return values.length;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    public LocalDate date(int index) {
        return dates[index];
    }

    public double value(int index) {
        return values[index];
    }

    public double flow(int index) {
        return flows[index];
    }

    public LocalDate[] dates() {
        return dates.clone();
    }

    /** The dates themselves, not a copy, for {@link ReturnSeries}, which copies what it keeps. */
    LocalDate[] sharedDates() {
        return dates;
    }

    public double[] values() {
        return values.clone();
    }

    public double[] flows() {
        return flows.clone();
    }

    /** True when some day after the first has a non-zero flow. */
    public boolean hasFlows() {
        for (int i = 1; i < flows.length; i++) {
            if (flows[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** This series with every value and flow multiplied by {@code factor} (e.g. another currency unit). */
    public ValueSeries scaled(double factor) {
        double[] v = values.clone();
        double[] f = flows.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
            f[i] *= factor;
        }
        return of(dates, v, f);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueSeries other
                && Arrays.equals(dates, other.dates)
                && Arrays.equals(values, other.values)
                && Arrays.equals(flows, other.flows);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(dates) + Arrays.hashCode(values)) + Arrays.hashCode(flows);
    }

    @Override
    public String toString() {
        return "ValueSeries[" + values.length + " points" + (values.length == 0 ? "" : ", " + dates[0] + ".." + dates[values.length - 1]) + "]";
    }
}
