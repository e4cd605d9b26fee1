package dev.ballast.api.http.reports;

import java.util.List;

/** What a report or an export covers: a portfolio's accounts, or one account. */
record ReportSubject(String portfolio, String account, List<String> accounts, String baseCurrency, String name) {
  String label() {
    return portfolio != null ? "portfolio " + portfolio : "account " + account;
  }
}
