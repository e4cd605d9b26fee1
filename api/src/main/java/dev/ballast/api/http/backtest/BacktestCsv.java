package dev.ballast.api.http.backtest;

import dev.ballast.persistence.backtest.BacktestRunStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A stored run as text: its value series and trades as CSV (exact decimals), runs' metrics side by side. */
public final class BacktestCsv {
  private BacktestCsv() {}

  public static String values(List<BacktestRunStore.StoredValue> values) {
    StringBuilder b = new StringBuilder("date,value\n");
    values.forEach(v -> b.append(v.date()).append(',').append(v.value().toPlainString()).append('\n'));
    return b.toString();
  }

  public static String trades(List<BacktestRunStore.StoredFill> fills) {
    StringBuilder b = new StringBuilder("date,intent_id,asset,side,quantity,price,notional,fee\n");
    fills.forEach(f -> b.append(f.date()).append(',').append(f.intentId()).append(',').append(f.asset().value()).append(',').append(f.side())
        .append(',').append(f.quantity().toPlainString()).append(',').append(f.price().toPlainString()).append(',')
        .append(f.notional().toPlainString()).append(',').append(f.fee().toPlainString()).append('\n'));
    return b.toString();
  }

  /**
   * The decisions in the run's order, one row each: the counts, then the decision with its inputs
   * and plan and the risk gate's screening as stored (JSON, quoted as CSV quotes a field).
   */
  public static String decisions(List<BacktestRunStore.StoredDecision> decisions) {
    StringBuilder b = new StringBuilder("seq,decision_id,date,decided_at,policy,intents,passed,rejected,problems,outside_band,decided,screened\n");
    decisions.forEach(d -> b.append(d.seq()).append(',').append(d.decisionId()).append(',').append(d.date()).append(',').append(d.decidedAt())
        .append(',').append(d.policy()).append(',').append(d.intents()).append(',').append(d.passed()).append(',').append(d.rejected())
        .append(',').append(d.problems()).append(',').append(d.outsideBand()).append(',').append(quoted(d.decidedJson())).append(',')
        .append(quoted(d.screenedJson())).append('\n'));
    return b.toString();
  }

  private static String quoted(String field) {
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  /** A table: one row per metric, one column per run (its id and strategy). */
  public static String compare(List<BacktestRunStore.StoredRun> runs) {
    Set<String> metrics = new LinkedHashSet<>();
    metrics.add("endValue");
    runs.forEach(r -> {
      if (r.metrics() != null) {
        metrics.addAll(r.metrics().keySet());
      }
    });
    List<String> names = new ArrayList<>();
    runs.forEach(r -> names.add(r.request().strategy() + " " + r.id()));
    StringBuilder out = new StringBuilder(String.format("%-18s", "metric"));
    names.forEach(n -> out.append(String.format("  %-36s", n)));
    out.append('\n');
    for (String m : metrics) {
      out.append(String.format("%-18s", m));
      for (BacktestRunStore.StoredRun r : runs) {
        Object v = m.equals("endValue") ? (r.endValue() == null ? "" : r.endValue().toPlainString())
            : r.metrics() == null ? "" : r.metrics().getOrDefault(m, "");
        out.append(String.format("  %-36s", v));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
