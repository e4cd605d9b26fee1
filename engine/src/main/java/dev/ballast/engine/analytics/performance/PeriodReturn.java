package dev.ballast.engine.analytics.performance;

import java.time.LocalDate;

/**
 * The time-weighted return of one calendar period (docs/metrics.md#period-returns).
 *
 * @param from date of the valuation the period's return starts from (the last one before the period)
 * @param to date of the last valuation in the period
 * @param value chained return from {@code from} to {@code to}
 */
public record PeriodReturn(Frequency frequency, LocalDate from, LocalDate to, double value) {

    /** The period, e.g. 2024-03 for a month (see {@link Frequency#label}). */
    public String label() {
        return frequency.label(to);
    }
}
