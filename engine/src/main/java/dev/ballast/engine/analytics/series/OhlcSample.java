package dev.ballast.engine.analytics.series;

import java.time.LocalDate;

/**
 * Open, high, low and close prices of one period as an input of range-based volatility estimators;
 * market data bars with their instrument and currency are {@code dev.ballast.engine.marketdata.OhlcBar}.
 */
public record OhlcSample(LocalDate date, double open, double high, double low, double close) {

    public OhlcSample {
        if (date == null) {
            throw new IllegalArgumentException("date: missing");
        }
        check("open", open, date);
        check("high", high, date);
        check("low", low, date);
        check("close", close, date);
        if (high < Math.max(open, close) || low > Math.min(open, close) || low > high) {
            throw new IllegalArgumentException("bar on " + date + ": high " + high + " and low " + low
                    + " do not enclose open " + open + " and close " + close);
        }
    }

    private static void check(String field, double price, LocalDate date) {
        if (!Double.isFinite(price) || price <= 0) {
            throw new IllegalArgumentException(field + " on " + date + ": not a positive price: " + price);
        }
    }
}
