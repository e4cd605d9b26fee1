package dev.ballast.engine.report;

import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The export tables built from engine values: every amount in one column, its currency in the next. */
public final class ExportTables {
  private ExportTables() {}

  /** A recorded transaction with the account and ledger id it is recorded under. */
  public record Recorded(String accountId, String transactionId, Transaction transaction) {}

  public static final List<String> TRANSACTION_COLUMNS = List.of(
      "account_id", "transaction_id", "type", "timestamp", "asset", "quantity", "price", "price_currency", "amount",
      "amount_currency", "fee", "fee_currency", "tax", "tax_currency", "fx_rate", "transfer_id", "split_ratio", "source",
      "external_id", "note");

  /** A row per transaction, made as it is written (the rows are a view over {@code recorded}, which may be a cursor). */
  public static ReportTable transactions(Iterable<Recorded> recorded) {
    return new ReportTable("transactions", TRANSACTION_COLUMNS, ReportTable.mapped(recorded, ExportTables::transactionRow));
  }

  private static List<Object> transactionRow(Recorded r) {
      Transaction t = r.transaction();
      return Arrays.asList(r.accountId(), r.transactionId(), t.type().name(), t.timestamp(),
          t.asset() == null ? null : t.asset().value(), t.quantity() == null ? null : t.quantity().value(),
          t.price() == null ? null : t.price().value(), t.price() == null ? null : t.price().currency().value(),
          amount(t.amount()), currency(t.amount()), amount(t.fee()), currency(t.fee()), amount(t.tax()), currency(t.tax()),
          t.fxRate(), t.transferId(), t.splitRatio(), t.source(), t.externalId(), t.note());
  }

  public static final List<String> REALIZED_COLUMNS = List.of(
      "tax_year", "account_id", "account_name", "wrapper", "treatment", "cost_method", "asset", "disposal", "closed_by",
      "closed_at", "trade_date", "quantity", "cost", "proceeds", "pnl", "currency", "jpy_rate", "cost_jpy", "proceeds_jpy",
      "pnl_jpy", "provisional", "unmeasured", "without_rate", "complete");

  /**
   * One row per disposal, then one total row per account (disposal {@code TOTAL}). The total's
   * {@code unmeasured}, {@code without_rate} and {@code complete} say how many disposals its sums
   * leave out, so a JPY total short of lines is never read as the whole year's; disposal rows leave them empty.
   */
  public static ReportTable realized(TaxYearGains gains) {
    List<List<Object>> rows = new ArrayList<>();
    for (AccountGains a : gains.accounts()) {
      for (GainLine l : a.lines()) {
        rows.add(Arrays.asList((long) gains.year(), a.accountId(), a.accountName(), a.wrapper() == null ? null : a.wrapper().name(),
            a.treatment().name(), a.method().text(), l.asset().value(), l.disposal().name(), l.closedBy(), l.closedAt(),
            l.tradeDate(), l.quantity(), amount(l.cost()), amount(l.proceeds()), amount(l.pnl()), a.currency().value(),
            l.jpyRate(), amount(l.costJpy()), amount(l.proceedsJpy()), amount(l.pnlJpy()), l.provisional(), null, null, null));
      }
      rows.add(Arrays.asList((long) gains.year(), a.accountId(), a.accountName(), a.wrapper() == null ? null : a.wrapper().name(),
          a.treatment().name(), a.method().text(), null, "TOTAL", null, null, null, null, null, null, a.total().amount(),
          a.currency().value(), null, null, null, a.totalJpy().amount(), a.provisional() > 0, (long) a.unmeasured(),
          (long) a.withoutRate(), a.unmeasured() == 0 && a.withoutRate() == 0));
    }
    return new ReportTable("realized", REALIZED_COLUMNS, rows);
  }

  public static final List<String> HISTORY_COLUMNS = List.of("date", "value", "flow", "currency", "stale", "missing");

  public static ReportTable history(ValueHistory history) {
    List<List<Object>> rows = new ArrayList<>(history.days().size());
    for (ValueHistory.Day d : history.days()) {
      rows.add(Arrays.asList(d.date(), d.value(), d.flow(), history.currency().value(), (long) d.stale(),
          d.missing().isEmpty() ? null : String.join("; ", d.missing())));
    }
    return new ReportTable("history", HISTORY_COLUMNS, rows);
  }

  public static final List<String> METRICS_COLUMNS = List.of("metric", "value");

  /** A metrics body as rows of name and value; a nested map's keys are joined with a dot. */
  public static ReportTable metrics(Map<String, ?> metrics) {
    List<List<Object>> rows = new ArrayList<>();
    flatten("", metrics, rows);
    return new ReportTable("metrics", METRICS_COLUMNS, rows);
  }

  private static void flatten(String prefix, Map<String, ?> map, List<List<Object>> rows) {
    map.forEach((k, v) -> {
      String name = prefix.isEmpty() ? k : prefix + "." + k;
      if (v instanceof Map<?, ?> nested) {
        @SuppressWarnings("unchecked")
        Map<String, ?> m = (Map<String, ?>) nested;
        flatten(name, m, rows);
      } else {
        rows.add(Arrays.asList(name, cell(v)));
      }
    });
  }

  /** A metric's value as a cell: a double through its shortest decimal text, so it reads back as the same double. */
  private static Object cell(Object v) {
    if (v == null || v instanceof String || v instanceof BigDecimal || v instanceof Long || v instanceof Integer
        || v instanceof Boolean || v instanceof java.time.LocalDate || v instanceof java.time.Instant) {
      return v;
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? null : new BigDecimal(Double.toString(d));
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    return v.toString();
  }

  public static final List<String> FILL_COLUMNS = List.of(
      "account_id", "venue", "fill_id", "order_id", "venue_order_id", "symbol", "side", "quantity", "price", "currency",
      "intended_price", "slippage_bps", "fee", "fee_currency", "time");

  /** Orders as they were filled: one row per fill, with its slippage against the intended price where there is one. */
  public static ReportTable fills(List<IntendedFill> fills) {
    List<List<Object>> rows = new ArrayList<>(fills.size());
    for (IntendedFill f : fills) {
      var x = f.fill();
      rows.add(Arrays.asList(f.accountId(), f.venue(), x.id().value(), x.orderId().value(), x.venueOrderId().value(),
          x.instrument().toString(), x.side().name(), x.quantity().value(), x.price().value(), x.price().currency().value(),
          f.intendedPrice(), Slippage.bps(f).orElse(null), amount(x.fee()), currency(x.fee()), x.time()));
    }
    return new ReportTable("orders", FILL_COLUMNS, rows);
  }

  private static BigDecimal amount(Money m) {
    return m == null ? null : m.amount();
  }

  private static String currency(Money m) {
    return m == null ? null : m.currency().value();
  }
}
