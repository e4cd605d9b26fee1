/**
 * Pure analytics over immutable values: series statistics, risk, performance and trade statistics.
 *
 * <p>Every metric is defined in {@code docs/metrics.md}; each function names the section it
 * implements. No actors, no I/O. Undefined results are {@code Double.NaN} for {@code double}
 * metrics and {@code Optional.empty()} for exact amounts and dates (docs/metrics.md#conventions).
 */
package dev.ballast.engine.analytics;
