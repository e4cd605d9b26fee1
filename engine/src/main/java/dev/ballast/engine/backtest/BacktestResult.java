package dev.ballast.engine.backtest;

import dev.ballast.engine.execution.Side;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.strategy.OrderIntent;
import dev.ballast.engine.strategy.RebalancePlan;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a backtest did and how it went: the value at every bar's close, every decision with its
 * plan and the intents the risk gate passed or rejected, every fill and every order that could not
 * fill, the metrics and the benchmarks.
 *
 * @param optimistic true when orders filled at the close they were decided on
 */
public record BacktestResult(
    BacktestConfig config,
    LocalDate firstBar,
    LocalDate lastBar,
    boolean optimistic,
    List<ValuePoint> values,
    List<Decision> decisions,
    List<FillRecord> fills,
    List<Unfilled> unfilled,
    BacktestMetrics metrics,
    List<Benchmark> benchmarks,
    List<Applied> applied) {

  public BacktestResult {
    applied = List.copyOf(applied);
    values = List.copyOf(values);
    decisions = List.copyOf(decisions);
    fills = List.copyOf(fills);
    unfilled = List.copyOf(unfilled);
    benchmarks = List.copyOf(benchmarks);
  }

  /** This result with more benchmarks to compare with. */
  public BacktestResult withBenchmarks(List<Benchmark> more) {
    List<Benchmark> all = new java.util.ArrayList<>(benchmarks);
    all.addAll(more);
    return new BacktestResult(config, firstBar, lastBar, optimistic, values, decisions, fills, unfilled, metrics, all, applied);
  }

  /**
   * A SHA-256 of the value series and the fills, in their exact written form: a run made again from
   * the same request and data has the same digest.
   */
  public String digest() {
    StringBuilder b = new StringBuilder();
    values.forEach(v -> b.append(v.date()).append('=').append(v.value().stripTrailingZeros().toPlainString()).append('\n'));
    fills.forEach(f -> b.append(f.date()).append(' ').append(f.intentId()).append(' ').append(f.side()).append(' ')
        .append(f.quantity().stripTrailingZeros().toPlainString()).append('@').append(f.price().stripTrailingZeros().toPlainString())
        .append(" fee ").append(f.fee().stripTrailingZeros().toPlainString()).append('\n'));
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The portfolio's value in the backtest's currency at one bar's close. */
  public record ValuePoint(LocalDate date, BigDecimal value) {}

  /**
   * One decision, as the live Strategy journals it: the inputs it was made from (holdings, prices,
   * targets, the policy's context), the plan, then the intents the risk gate let through and the
   * rejection of each other.
   *
   * @param date the bar whose close it was made on
   * @param decidedAt the time it is stamped with (the start of the next day)
   */
  public record Decision(String decisionId, LocalDate date, java.time.Instant decidedAt, dev.ballast.engine.strategy.PlanInputs inputs,
      RebalancePlan plan, List<OrderIntent> passed, List<dev.ballast.engine.risk.RiskRejection> rejections) {
    public Decision {
      passed = List.copyOf(passed);
      rejections = List.copyOf(rejections);
    }

    /** Each rejection as one line: the intent, the check and the reason. */
    public List<String> rejected() {
      return rejections.stream().map(r -> r.intentId() + ": " + r.check() + ": " + r.reason()).toList();
    }
  }

  /** One fill on the simulated venue; {@code price} includes the slippage, {@code fee} is in the backtest's currency. */
  public record FillRecord(String intentId, LocalDate date, AssetId asset, Side side, BigDecimal quantity, BigDecimal price,
      BigDecimal notional, BigDecimal fee) {}

  /** An order that did not fill (or filled less than its intent asked), and why. */
  public record Unfilled(String intentId, LocalDate date, AssetId asset, String reason) {}

  /**
   * A corporate action or a delisting applied to the holdings: {@code quantity} is the asset held
   * after it, {@code cash} the cash it paid (a dividend, the last close of a delisted holding).
   */
  public record Applied(LocalDate date, AssetId asset, String kind, BigDecimal quantity, BigDecimal cash, String note) {}

  /** A value series to compare with: buy-and-hold of one asset, or of the target weights never rebalanced. */
  public record Benchmark(String name, List<ValuePoint> values, BacktestMetrics metrics) {
    public Benchmark {
      values = List.copyOf(values);
    }
  }
}
