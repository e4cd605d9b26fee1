package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast history --portfolio P [--from] [--to] [--currency C]}: the daily value with each day's external flow. */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "The daily value of a portfolio (or one account) in JPY, USD, EUR or BTC, with each day's deposits and withdrawals apart.")
public final class HistoryCommand implements Runnable {
  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Subject subject;

  static final class Subject {
    @Option(names = "--portfolio", paramLabel = "PORTFOLIO") String portfolio;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "one account alone: transfers to or from it are flows") String account;
  }

  @Option(names = "--from", paramLabel = "DATE", description = "first day (UTC; default: the first transaction's day)") LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "last day (UTC; default: today)") LocalDate to;

  @Option(names = "--currency", paramLabel = "CURRENCY", description = "JPY, USD, EUR, BTC... (default: the portfolio's or account's currency)")
  String currency;

  @Option(names = "--by", paramLabel = "account|asset|class|venue|currency", split = ",",
      description = "add to each day the value per account, per asset, and per asset class, venue or currency with its weight in"
          + " percent (columns class:KEY and class:KEY%), comma separated")
  List<String> by = new ArrayList<>();

  @Override
  public void run() {
    String path = (subject.portfolio != null
        ? "api/valuation/portfolios/" + URLEncoder.encode(subject.portfolio, StandardCharsets.UTF_8)
        : "api/valuation/accounts/" + URLEncoder.encode(subject.account, StandardCharsets.UTF_8)) + "/history?" + query();
    JsonNode body = client.expectOk(client.client().get(path));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      out.println(body.toPrettyString());
      out.flush();
      return;
    }
    List<String> columns = new ArrayList<>(List.of("date", "value", "flow", "stale", "missing"));
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    for (JsonNode d : body.path("days")) {
      ObjectNode row = rows.addObject();
      row.put("date", d.path("date").asText()).put("value", d.path("value").decimalValue().toPlainString())
          .put("flow", d.path("flow").decimalValue().signum() == 0 ? "" : d.path("flow").decimalValue().toPlainString())
          .put("stale", d.path("stale").asInt() == 0 ? "" : Integer.toString(d.path("stale").asInt()));
      List<String> missing = new ArrayList<>();
      d.path("missing").forEach(m -> missing.add(m.asText()));
      row.put("missing", String.join("; ", missing));
      for (String breakdown : List.of("by_account", "by_asset")) {
        d.path(breakdown).fields().forEachRemaining(f -> {
          if (!columns.contains(f.getKey())) {
            columns.add(columns.size() - 1, f.getKey());
          }
          row.put(f.getKey(), f.getValue().decimalValue().toPlainString());
        });
      }
      // a group's key can also be an account's or an asset's (JPY, a provider): its columns say which breakdown
      for (String group : List.of("class", "venue", "currency")) {
        d.path("by_" + group).fields().forEachRemaining(f -> {
          String column = group + ":" + f.getKey();
          if (!columns.contains(column)) {
            columns.add(columns.size() - 1, column);
            columns.add(columns.size() - 1, column + "%");
          }
          row.put(column, f.getValue().decimalValue().toPlainString());
          JsonNode weight = d.path("allocation").path(group).path(f.getKey());
          row.put(column + "%", weight.isMissingNode() ? "" : weight.decimalValue().toPlainString());
        });
      }
    }
    Table.print(out, rows, columns);
    out.println();
    out.println(body.path("currency").asText() + " from " + body.path("from").asText() + " to " + body.path("to").asText()
        + (body.path("complete").asBoolean() ? ""
            : " (INCOMPLETE: " + body.path("incomplete_days").asInt() + " day(s) lack a price or rate; their value leaves those out)"));
    out.flush();
  }

  private String query() {
    List<String> q = new ArrayList<>();
    if (from != null) {
      q.add("from=" + from);
    }
    if (to != null) {
      q.add("to=" + to);
    }
    if (currency != null) {
      q.add("currency=" + URLEncoder.encode(currency, StandardCharsets.UTF_8));
    }
    if (!by.isEmpty()) {
      q.add("by=" + URLEncoder.encode(String.join(",", by), StandardCharsets.UTF_8));
    }
    return String.join("&", q);
  }
}
