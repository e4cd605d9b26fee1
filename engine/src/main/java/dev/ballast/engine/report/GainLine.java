package dev.ballast.engine.report;

import dev.ballast.engine.ledger.Disposal;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One disposal of a tax year, costed by the account's method: in the account currency, and in JPY
 * with the proceeds at the rate of its trade date and the cost at the rates of the acquisitions it
 * closes.
 *
 * @param tradeDate the date of the disposal in the tax zone (a Tokyo date for Japanese taxes)
 * @param cost what the units cost under the method; null when unknown
 * @param proceeds what they brought (zero for a fee); null when unknown
 * @param pnl {@code proceeds - cost}; null when either is unknown, and then not in any total
 * @param jpyRate account currency to JPY on {@code tradeDate} (1 for a JPY account); null when no rate is
 *     stored; the proceeds' rate
 * @param costJpy the cost in JPY, each acquisition converted at its own trade date's rate (the same
 *     method run in JPY); null when the cost or a rate it needs is unknown
 * @param proceedsJpy {@code proceeds x jpyRate}, exact; null when either is unknown
 * @param pnlJpy {@code proceedsJpy - costJpy}; null when either is unknown
 * @param provisional the cost may still change (total average method, a year not complete yet)
 */
public record GainLine(
    AssetId asset, Disposal disposal, String closedBy, Instant closedAt, LocalDate tradeDate, BigDecimal quantity,
    Money cost, Money proceeds, Money pnl, BigDecimal jpyRate, Money costJpy, Money proceedsJpy, Money pnlJpy,
    boolean provisional) {}
