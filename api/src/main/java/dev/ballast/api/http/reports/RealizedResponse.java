package dev.ballast.api.http.reports;

import dev.ballast.engine.report.AccountGains;
import dev.ballast.engine.report.GainLine;
import dev.ballast.engine.report.TaxYearGains;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The realized gains of a tax year as the API answers them; amounts are exact decimals as text. */
final class RealizedResponse {
  private RealizedResponse() {}

  static Map<String, Object> of(ReportSubject subject, TaxYearGains gains) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(subject.portfolio() != null ? "portfolio" : "account", subject.portfolio() != null ? subject.portfolio() : subject.account());
    body.put("year", gains.year());
    body.put("taxed_jpy", text(gains.taxedJpy().amount()));
    body.put("untaxed_jpy", text(gains.untaxedJpy().amount()));
    body.put("deferred_jpy", text(gains.deferredJpy().amount()));
    body.put("complete", gains.complete());
    List<Object> accounts = new ArrayList<>();
    for (AccountGains a : gains.accounts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("account_id", a.accountId());
      m.put("name", a.accountName());
      m.put("wrapper", a.wrapper() == null ? null : a.wrapper().name());
      m.put("treatment", a.treatment().name());
      m.put("cost_method", a.method().text());
      m.put("currency", a.currency().value());
      m.put("total", text(a.total().amount()));
      m.put("total_jpy", text(a.totalJpy().amount()));
      m.put("unmeasured", a.unmeasured());
      m.put("without_rate", a.withoutRate());
      m.put("provisional", a.provisional());
      List<Object> lines = new ArrayList<>();
      for (GainLine l : a.lines()) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("asset", l.asset().value());
        line.put("disposal", l.disposal().name());
        line.put("closed_by", l.closedBy());
        line.put("closed_at", l.closedAt().toString());
        line.put("trade_date", l.tradeDate().toString());
        line.put("quantity", text(l.quantity()));
        line.put("cost", l.cost() == null ? null : text(l.cost().amount()));
        line.put("proceeds", l.proceeds() == null ? null : text(l.proceeds().amount()));
        line.put("pnl", l.pnl() == null ? null : text(l.pnl().amount()));
        line.put("jpy_rate", l.jpyRate() == null ? null : text(l.jpyRate()));
        line.put("pnl_jpy", l.pnlJpy() == null ? null : text(l.pnlJpy().amount()));
        line.put("provisional", l.provisional());
        lines.add(line);
      }
      m.put("lines", lines);
      accounts.add(m);
    }
    body.put("accounts", accounts);
    return body;
  }

  private static String text(java.math.BigDecimal d) {
    return d.toPlainString();
  }
}
