package dev.ballast.engine.analytics.account;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The stretch of time account metrics cover: {@code from} inclusive, {@code until} exclusive, either
 * end open (docs/metrics.md#account-metrics).
 */
public record Window(Optional<Instant> from, Optional<Instant> until) {

    public static final Window ALL = new Window(Optional.empty(), Optional.empty());

    public Window {
        if (from == null || until == null) {
            throw new IllegalArgumentException("from/until: use Optional.empty() for an open end");
        }
        if (from.isPresent() && until.isPresent() && !from.get().isBefore(until.get())) {
            throw new IllegalArgumentException("from: " + from.get() + " is not before the end " + until.get());
        }
    }

    /**
     * Whole UTC days from {@code from} to {@code to}, both included; null leaves that end open.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    public static Window days(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to: " + to + " is before from " + from);
        }
        return new Window(
                Optional.ofNullable(from).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()),
                Optional.ofNullable(to).map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    public boolean contains(Instant t) {
        return from.map(f -> !t.isBefore(f)).orElse(true) && !endsBefore(t);
    }

    /** True when {@code t} is at or after the end: such a transaction is not part of the book at the end. */
    public boolean endsBefore(Instant t) {
        return until.map(u -> !t.isBefore(u)).orElse(false);
    }
}
