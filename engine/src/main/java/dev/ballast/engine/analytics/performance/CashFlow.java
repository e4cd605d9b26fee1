package dev.ballast.engine.analytics.performance;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An amount paid on a date, seen from the investor: money put in is negative, money taken out positive. */
public record CashFlow(LocalDate date, BigDecimal amount) {

    public CashFlow {
        if (date == null) {
            throw new IllegalArgumentException("cash flow date: missing");
        }
        if (amount == null) {
            throw new IllegalArgumentException("cash flow amount on " + date + ": missing");
        }
    }
}
