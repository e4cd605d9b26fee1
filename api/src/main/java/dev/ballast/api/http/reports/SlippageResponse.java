package dev.ballast.api.http.reports;

import dev.ballast.engine.analytics.trades.SlippageSummary;
import dev.ballast.engine.report.Slippage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The slippage report as the API answers it; an undefined statistic (one fill's deviation) is null. */
final class SlippageResponse {
  private SlippageResponse() {}

  static Map<String, Object> of(ReportSubject subject, LocalDate from, LocalDate to, Slippage s) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(subject.portfolio() != null ? "portfolio" : "account", subject.portfolio() != null ? subject.portfolio() : subject.account());
    body.put("from", from == null ? null : from.toString());
    body.put("to", to == null ? null : to.toString());
    body.put("threshold_bps", s.thresholdBps());
    body.put("without_intended_price", s.withoutIntendedPrice());
    body.put("overall", summary(s.overall()));
    Map<String, Object> symbols = new LinkedHashMap<>();
    s.bySymbol().forEach((k, v) -> symbols.put(k, summary(v)));
    body.put("by_symbol", symbols);
    Map<String, Object> venues = new LinkedHashMap<>();
    s.byVenue().forEach((k, v) -> venues.put(k, summary(v)));
    body.put("by_venue", venues);
    List<Object> outliers = new ArrayList<>();
    for (Slippage.Outlier o : s.outliers()) {
      var f = o.fill().fill();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fill_id", f.id().value());
      m.put("order_id", f.orderId().value());
      m.put("account_id", o.fill().accountId());
      m.put("venue", o.fill().venue());
      m.put("symbol", f.instrument().toString());
      m.put("side", f.side().name());
      m.put("time", f.time().toString());
      m.put("price", f.price().value().toPlainString());
      m.put("intended_price", o.fill().intendedPrice().toPlainString());
      m.put("slippage_bps", Slippage.bps(o.fill()).orElseThrow().toPlainString());
      outliers.add(m);
    }
    body.put("outliers", outliers);
    return body;
  }

  static Map<String, Object> summary(SlippageSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", s.count());
    m.put("mean_bps", defined(s.meanBps()));
    m.put("median_bps", defined(s.medianBps()));
    m.put("std_dev_bps", defined(s.standardDeviationBps()));
    m.put("outliers", s.outliers().size());
    return m;
  }

  private static Double defined(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
