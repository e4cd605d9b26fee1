package dev.ballast.engine.analytics.series;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * Simple period returns of a value series, each dated by the end of its period, with the date of the
 * first value as the start. Immutable: arrays are copied in and out.
 */
public final class ReturnSeries {

    private final LocalDate start;
    private final LocalDate[] ends;
    private final double[] returns;

    private ReturnSeries(LocalDate start, LocalDate[] ends, double[] returns) {
        this.start = start;
        this.ends = ends;
        this.returns = returns;
    }

    /**
     * The flow-adjusted simple returns of a value series (docs/metrics.md#simple-return):
     * {@code r_t = (V_t - F_t) / V_(t-1) - 1}, flows at the end of the day. When {@code V_(t-1)} is
     * zero, nothing was invested and the return is 0, provided {@code V_t - F_t} is zero too.
     *
     * @throws IllegalArgumentException naming the date when {@code V_t - F_t} is negative (a loss of
     *     more than everything) or not zero after a day with value zero (a gain on no capital)
     */
    public static ReturnSeries of(ValueSeries series) {
        int n = series.size();
        if (n == 0) {
            return new ReturnSeries(null, new LocalDate[0], new double[0]);
        }
        double[] r = new double[n - 1];
        for (int t = 1; t < n; t++) {
            double before = series.value(t - 1);
            double grown = series.value(t) - series.flow(t);
            if (grown < 0) {
                throw new IllegalArgumentException("value on " + series.date(t) + " (index " + t + "): value minus flow is negative ("
                        + series.value(t) + " - " + series.flow(t) + "), a loss of more than the value on " + series.date(t - 1));
            }
            if (before == 0) {
                if (grown != 0) {
                    throw new IllegalArgumentException("value on " + series.date(t) + " (index " + t + "): value minus flow is "
                            + grown + " but the value on " + series.date(t - 1) + " was 0, a gain on no capital");
                }
                r[t - 1] = 0;
            } else {
                r[t - 1] = grown / before - 1;
            }
        }
        // one block copy rather than a reference store per point
        LocalDate[] ends = Arrays.copyOfRange(series.sharedDates(), 1, n);
        return new ReturnSeries(series.date(0), ends, r);
    }

    /**
     * A series of given returns.
     *
     * @throws IllegalArgumentException when a return is not finite or below -1, a date is missing
     *     or dates do not increase, naming the index
     */
    public static ReturnSeries of(LocalDate start, LocalDate[] ends, double[] returns) {
        if (start == null || ends == null || returns == null) {
            throw new IllegalArgumentException("start, ends and returns: all required");
        }
        if (ends.length != returns.length) {
            throw new IllegalArgumentException("returns: length " + returns.length + " differs from ends length " + ends.length);
        }
        LocalDate previous = start;
        for (int i = 0; i < returns.length; i++) {
            if (ends[i] == null || !ends[i].isAfter(previous)) {
                throw new IllegalArgumentException("ends[" + i + "]: " + ends[i] + " is not after " + previous);
            }
            if (!Double.isFinite(returns[i]) || returns[i] < -1) {
                throw new IllegalArgumentException("returns[" + i + "] (" + ends[i] + "): not a return >= -1: " + returns[i]);
            }
            previous = ends[i];
        }
        return new ReturnSeries(start, ends.clone(), returns.clone());
    }

    /** The number of returns, one less than the number of values. */
    public int size() {
        return returns.length;
    }

    public boolean isEmpty() {
        return returns.length == 0;
    }

    /** The date of the first value; empty series have none (null is never returned for non-empty). */
    public LocalDate start() {
        return start;
    }

    /** The end date of return {@code index}. */
    public LocalDate end(int index) {
        return ends[index];
    }

    /** The date of point {@code index} of the wealth index: 0 is the start, i is the end of return i-1. */
    public LocalDate pointDate(int index) {
        return index == 0 ? start : ends[index - 1];
    }

    public double get(int index) {
        return returns[index];
    }

    public double[] toArray() {
        return returns.clone();
    }

    public LocalDate[] ends() {
        return ends.clone();
    }

    /** Log returns {@code ln(1 + r_t)} (docs/metrics.md#log-return); a return of -1 gives negative infinity. */
    public double[] logReturns() {
        double[] out = new double[returns.length];
        for (int i = 0; i < returns.length; i++) {
            out[i] = Math.log1p(returns[i]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReturnSeries other
                && java.util.Objects.equals(start, other.start)
                && Arrays.equals(ends, other.ends)
                && Arrays.equals(returns, other.returns);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(returns);
    }

    @Override
    public String toString() {
        return "ReturnSeries[" + returns.length + " returns from " + start + "]";
    }
}
