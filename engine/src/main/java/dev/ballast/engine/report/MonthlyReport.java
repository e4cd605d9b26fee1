package dev.ballast.engine.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * What the monthly track record shows, assembled before it is laid out (docs/reports.md#monthly-report):
 * a writer draws exactly this. Figures that could not be had are null, and {@code notices} says why in words.
 */
public record MonthlyReport(
    String portfolioId, String portfolioName, YearMonth month, String currency, Instant generatedAt, String benchmark,
    List<PeriodPerformance> performance, List<EquityPoint> equity, List<PositionLine> positions, List<TradeLine> trades,
    List<NoteLine> annotations, List<String> notices) {

  public MonthlyReport {
    performance = List.copyOf(performance);
    equity = List.copyOf(equity);
    positions = List.copyOf(positions);
    trades = List.copyOf(trades);
    annotations = List.copyOf(annotations);
    notices = List.copyOf(notices);
  }

  /** The value at the end of a day. */
  public record EquityPoint(LocalDate date, BigDecimal value) {}

  /** A holding at the end of the month; {@code weight} is a fraction of the total value. */
  public record PositionLine(String asset, String name, BigDecimal quantity, BigDecimal value, Double weight) {}

  /** A trade of the month with its slippage where its fill had an intended price. */
  public record TradeLine(Instant time, String account, String transactionId, String type, String asset, String name,
      BigDecimal quantity, BigDecimal price, String priceCurrency, BigDecimal slippageBps) {}

  /** One annotation as commentary: the trade it is on, its phase, who wrote it and when, and its answers as text. */
  public record NoteLine(String trade, String phase, String by, Instant at, String text) {}
}
