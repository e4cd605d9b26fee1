package dev.ballast.engine.analytics;

/**
 * Rejects input that no metric can be defined over (docs/metrics.md#invalid-input), with a message
 * naming the field and the index.
 */
public final class InputChecks {

    private InputChecks() {
    }

    /** Every element must be a finite number. */
    public static void requireFinite(double[] values, String field) {
        if (values == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(field + "[" + i + "]: not a finite number: " + values[i]);
            }
        }
    }

    /** Every element must be a finite number not below zero. */
    public static void requireFiniteNonNegative(double[] values, String field) {
        requireFinite(values, field);
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw new IllegalArgumentException(field + "[" + i + "]: negative: " + values[i]);
            }
        }
    }

    /** Periods per year must be positive (252 for trading days, 365 for calendar days). */
    public static void requirePeriodsPerYear(int periodsPerYear) {
        if (periodsPerYear <= 0) {
            throw new IllegalArgumentException("periodsPerYear: must be positive: " + periodsPerYear);
        }
    }

    /** Two series that are compared point by point must have the same length. */
    public static void requireSameLength(double[] a, String fieldA, double[] b, String fieldB) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(fieldB + ": length " + b.length + " differs from "
                    + fieldA + " length " + a.length);
        }
    }
}
