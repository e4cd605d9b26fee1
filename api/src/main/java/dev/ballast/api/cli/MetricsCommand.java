package dev.ballast.api.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ballast.adapters.FileFormatException;
import dev.ballast.adapters.statement.json.JsonTransactionFile;
import dev.ballast.adapters.valuation.csv.ValueSeriesCsvReader;
import dev.ballast.engine.analytics.report.ReportSettings;
import dev.ballast.engine.analytics.report.SeriesReport;
import dev.ballast.engine.analytics.risk.RiskFreeRate;
import dev.ballast.engine.analytics.series.ValuationHistory;
import dev.ballast.engine.model.CostMethod;
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
 * {@code ballast metrics --series FILE.csv} (offline), {@code ballast metrics --account ID} or
 * {@code ballast metrics --portfolio P} (through the server): the metrics of docs/metrics.md as a
 * table or JSON.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {
        "Performance and risk metrics of a value series (CSV date,value[,flow]; no server needed),",
        "or realized/unrealized P&L, fees, taxes, income and trade statistics of an account (from the server),",
        "or the same series metrics over a portfolio's daily value history (from the server's ledgers and prices)."})
public final class MetricsCommand implements Runnable {
  private static final List<String> NOT_FOR_SERIES = List.of("--from", "--to", "--price", "--method", "--currency", "--benchmark");
  private static final List<String> NOT_FOR_ACCOUNT = List.of("--periods-per-year", "--risk-free", "--currency", "--benchmark");
  private static final List<String> NOT_FOR_PORTFOLIO = List.of("--price", "--method");
  private static final Map<String, String> APPLIES_TO = Map.of("--from", "--account and --portfolio", "--to", "--account and --portfolio",
      "--price", "--account", "--method", "--account", "--currency", "--portfolio", "--benchmark", "--portfolio",
      "--periods-per-year", "--series and --portfolio", "--risk-free", "--series and --portfolio");

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Subject subject;

  static final class Subject {
    @Option(names = "--series", paramLabel = "FILE.csv", description = "a CSV file with the columns date,value and optionally flow")
    Path series;

    @Option(names = "--account", paramLabel = "ID", description = "an account of the running server")
    String account;

    @Option(names = "--portfolio", paramLabel = "ID", description = "a portfolio of the running server: metrics of its daily value history")
    String portfolio;
  }

  @Option(names = "--currency", paramLabel = "CURRENCY", description = "--portfolio: the history's currency (default: the portfolio's base)")
  String currency;

  @Option(names = "--benchmark", paramLabel = "ASSET", description = "--portfolio: an asset to compare with (beta, alpha, tracking error)")
  String benchmark;

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
    String chosen = subject.series != null ? "--series" : subject.account != null ? "--account" : "--portfolio";
    List<String> misplaced = subject.series != null ? NOT_FOR_SERIES : subject.account != null ? NOT_FOR_ACCOUNT : NOT_FOR_PORTFOLIO;
    for (String option : misplaced) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw new CliException(option + " applies to " + APPLIES_TO.get(option) + " only, not to " + chosen, 2);
      }
    }
    if (subject.series != null) {
      series(subject.series);
    } else if (subject.account != null) {
      account(subject.account);
    } else {
      portfolio(subject.portfolio);
    }
  }

  // ---- --portfolio: through the server ----------------------------------------------------

  private void portfolio(String id) {
    List<String> query = new ArrayList<>();
    if (from != null) {
      query.add("from=" + from);
    }
    if (to != null) {
      query.add("to=" + to);
    }
    if (currency != null) {
      query.add("currency=" + URLEncoder.encode(currency, StandardCharsets.UTF_8));
    }
    if (benchmark != null) {
      query.add("benchmark=" + URLEncoder.encode(benchmark, StandardCharsets.UTF_8));
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--periods-per-year")) {
      query.add("periods-per-year=" + periodsPerYear);
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--risk-free")) {
      query.add("risk-free=" + riskFree);
    }
    String path = "api/valuation/portfolios/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/metrics"
        + (query.isEmpty() ? "" : "?" + String.join("&", query));
    JsonNode body = client.expectOk(client.client().get(path));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      out.println(body.toPrettyString());
      out.flush();
      return;
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    body.fields().forEachRemaining(f -> {
      if (!f.getKey().equals("benchmark")) {
        summary.put(f.getKey(), ratio(f.getValue()));
      }
    });
    printPairs(out, summary);
    if (body.hasNonNull("benchmark")) {
      out.println();
      out.println("against " + body.path("benchmark").path("asset").asText());
      Map<String, Object> vs = new LinkedHashMap<>();
      body.path("benchmark").fields().forEachRemaining(f -> vs.put(f.getKey(), ratio(f.getValue())));
      printPairs(out, vs);
    }
    out.flush();
  }

  // ---- --series: offline ------------------------------------------------------------------

  private void series(Path file) {
    ValuationHistory history;
    try {
      history = new ValueSeriesCsvReader().read(file);
    } catch (FileFormatException e) {
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

  /** A metric of the series report: a fraction reads as a double (8 digits in the table), an amount or a date as text. */
  private static Object ratio(JsonNode node) {
    return node.isFloatingPointNumber() ? (Object) node.doubleValue() : text(node);
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
