package dev.ballast.api.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ballast.adapters.valuation.csv.ValueSeriesCsvReader;
import dev.ballast.adapters.valuation.csv.ValueSeriesFormatException;
import dev.ballast.adapters.statement.json.JsonTransactionFile;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.analytics.report.ReportSettings;
import dev.ballast.engine.analytics.report.SeriesReport;
import dev.ballast.engine.analytics.risk.RiskFreeRate;
import dev.ballast.engine.analytics.series.ValuationHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ballast metrics --series FILE.csv} (offline) or {@code ballast metrics --account ID}
 * (through the server): the metrics of docs/metrics.md as a table or JSON.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {
        "Performance and risk metrics of a value series (CSV date,value[,flow]; no server needed),",
        "or realized/unrealized P&L, fees, taxes, income and trade statistics of an account (from the server)."})
public final class MetricsCommand implements Runnable {
  private static final List<String> SERIES_ONLY = List.of("--periods-per-year", "--risk-free");
  private static final List<String> ACCOUNT_ONLY = List.of("--from", "--to", "--price", "--method");

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Subject subject;

  static final class Subject {
    @Option(names = "--series", paramLabel = "FILE.csv", description = "a CSV file with the columns date,value and optionally flow")
    Path series;

    @Option(names = "--account", paramLabel = "ID", description = "an account of the running server")
    String account;
  }

  @Option(names = "--periods-per-year", paramLabel = "N", defaultValue = "365",
      description = "returns per year for annualizing: 365 for calendar days (crypto, mixed), 252 for trading days (default: ${DEFAULT-VALUE})")
  int periodsPerYear;

  @Option(names = "--risk-free", paramLabel = "RATE", defaultValue = "0",
      description = "annual risk-free rate for Sharpe and Sortino, e.g. 0.02 (default: ${DEFAULT-VALUE})")
  double riskFree;

  @Option(names = "--from", paramLabel = "DATE", description = "first day counted (UTC, yyyy-mm-dd)")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "last day counted (UTC, yyyy-mm-dd); open positions are as of its end")
  LocalDate to;

  @Option(names = "--price", paramLabel = "ASSET=PRICE",
      description = "current price per unit in the account currency, for the unrealized P&L (repeatable): --price BTC=15000000")
  Map<String, BigDecimal> prices = new LinkedHashMap<>();

  @Option(names = "--method", paramLabel = "fifo|average|total-average",
      description = "cost method of the realized and unrealized P&L: fifo, average (moving average) or total-average (総平均法,"
          + " per calendar year); trade statistics are FIFO round trips either way (default: the account's own method)")
  String method;

  @Override
  public void run() {
    List<String> misplaced = subject.series != null ? ACCOUNT_ONLY : SERIES_ONLY;
    for (String option : misplaced) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw new CliException(option + " applies to " + (subject.series != null ? "--account" : "--series") + " only", 2);
      }
    }
    if (subject.series != null) {
      series(subject.series);
    } else {
      account(subject.account);
    }
  }

  // ---- --series: offline ------------------------------------------------------------------

  private void series(Path file) {
    ValuationHistory history;
    try {
      history = new ValueSeriesCsvReader().read(file);
    } catch (ValueSeriesFormatException e) {
      throw new CliException("error: " + e.getMessage(), 2);
    } catch (NoSuchFileException e) {
      throw new CliException("error: " + file + ": no such file", 2);
    } catch (IOException e) {
      throw new CliException("error: " + file + ": cannot read: " + e.getMessage(), 2);
    }
    ReportSettings settings;
    try {
      settings = ReportSettings.defaults(periodsPerYear).withRiskFree(RiskFreeRate.annual(riskFree));
    } catch (IllegalArgumentException e) {
      throw new CliException("error: " + (e.getMessage().startsWith("annualRate") ? "--risk-free" : "--periods-per-year")
          + ": " + e.getMessage(), 2);
    }
    Map<String, Object> metrics = SeriesReport.of(history, settings).metrics();
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      out.println(toJson(metrics));
    } else {
      printPairs(out, metrics);
    }
    out.flush();
  }

  // ---- --account: through the server ------------------------------------------------------

  private void account(String id) {
    List<String> query = new ArrayList<>();
    if (method != null) {
      CostMethod costMethod;
      try {
        costMethod = CostMethod.parse(method);
      } catch (IllegalArgumentException e) {
        throw new CliException("error: --" + e.getMessage(), 2);
      }
      query.add("method=" + costMethod.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    if (from != null) {
      query.add("from=" + from);
    }
    if (to != null) {
      query.add("to=" + to);
    }
    prices.forEach((asset, price) -> query.add("price=" + URLEncoder.encode(asset + ":" + price.toPlainString(), StandardCharsets.UTF_8)));
    String path = "api/accounts/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/metrics"
        + (query.isEmpty() ? "" : "?" + String.join("&", query));
    JsonNode body = client.expectOk(client.client().get(path));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      out.println(body.toPrettyString());
      out.flush();
      return;
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getKey().equals("positions") && !field.getKey().equals("trades")) {
        summary.put(field.getKey(), text(field.getValue()));
      }
    }
    if (body.path("unrealized_pnl").isNull()) {
      summary.put("unrealized_pnl", "unknown");
    }
    printPairs(out, summary);
    out.println();
    out.println("positions");
    Table.print(out, body.path("positions"),
        List.of("asset", "quantity", "cost", "price", "market_value", "unrealized_pnl", "realized_pnl"));
    out.println();
    out.println("trades (round trips closed in the window, FIFO matching whatever the cost method)");
    Map<String, Object> trades = new LinkedHashMap<>();
    body.path("trades").fields().forEachRemaining(f -> trades.put(f.getKey(), text(f.getValue())));
    printPairs(out, trades);
    out.flush();
  }

  // ---- printing ---------------------------------------------------------------------------

  /** A two-column table, metric and value; undefined values read "undefined". */
  private static void printPairs(PrintWriter out, Map<String, Object> metrics) {
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    metrics.forEach((name, value) -> rows.addObject().put("metric", name).put("value", display(value)));
    Table.print(out, rows, List.of("metric", "value"));
  }

  private static String display(Object value) {
    if (value == null) {
      return "undefined";
    }
    if (value instanceof Double d) {
      // 8 significant digits read well in a table; --json keeps every digit
      return new BigDecimal(d).round(new MathContext(8)).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  private static Object text(JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    if (node.isDouble()) {
      return node.doubleValue();
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private static String toJson(Object value) {
    ObjectMapper json = JsonTransactionFile.mapper();
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the metrics as JSON", e);
    }
  }
}
