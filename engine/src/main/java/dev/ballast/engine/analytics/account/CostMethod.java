package dev.ballast.engine.analytics.account;

import java.util.Locale;

/**
 * How the cost of what leaves a position is measured for realized and unrealized P&L
 * (docs/metrics.md#account-metrics). Trade statistics are FIFO round trips under either method.
 */
public enum CostMethod {
    /** The oldest open lots first, as the ledger matches them ({@link dev.ballast.engine.ledger.LedgerBook}). */
    FIFO,
    /** Moving average cost (移動平均法), see {@link AverageCostBook}. */
    AVERAGE;

    /**
     * {@code fifo} or {@code average}, any case.
     *
     * @throws IllegalArgumentException naming the field {@code method} for anything else
     */
    public static CostMethod parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "fifo" -> FIFO;
            case "average" -> AVERAGE;
            default -> throw new IllegalArgumentException("method: expected fifo or average, got \"" + (text == null ? "" : text) + "\"");
        };
    }
}
