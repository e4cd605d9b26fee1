package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast snapshot --portfolio P [--currency C] [--date D]}: what a portfolio is worth, from the price store. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = "Value a portfolio's positions in JPY, USD, EUR or BTC: price and its age, value, weight, cost, unrealized P&L.")
public final class SnapshotCommand implements Runnable {
  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Option(names = "--portfolio", required = true, paramLabel = "PORTFOLIO") String portfolio;

  @Option(names = "--currency", paramLabel = "CURRENCY", description = "JPY, USD, EUR, BTC... (default: the portfolio's base currency)")
  String currency;

  @Option(names = "--date", paramLabel = "DATE", description = "value as of this day (default: today, UTC)") LocalDate date;

  @Option(names = "--by", paramLabel = "GROUPING",
      description = "one line per group instead of per holding: class, account, asset, venue, currency or group (the target's groups)")
  String by;

  @Override
  public void run() {
    String path = "api/valuation/portfolios/" + URLEncoder.encode(portfolio, StandardCharsets.UTF_8) + "/snapshot?"
        + (currency == null ? "" : "currency=" + URLEncoder.encode(currency, StandardCharsets.UTF_8) + "&")
        + (date == null ? "" : "date=" + date);
    String field = null;
    if (by != null) {
      field = switch (by.trim().toLowerCase(Locale.ROOT)) {
        case "class", "account", "asset", "venue", "currency", "group" -> "by_" + by.trim().toLowerCase(Locale.ROOT);
        default -> throw new CliException("--by: expected class, account, asset, venue, currency or group, got \"" + by + "\"", 2);
      };
    }
    JsonNode body = client.expectOk(client.client().get(path));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      out.println(body.toPrettyString());
      out.flush();
      return;
    }
    if (field == null) {
      Table.print(out, body.path("lines"), List.of("account", "asset", "class", "quantity", "price", "price_currency", "price_date", "status",
          "value", "weight", "cost", "unrealized_pnl", "problem"));
    } else if (body.path(field).isNull()) {
      throw new CliException("portfolio " + portfolio + " has no target by group: set one with `ballast portfolio target`", 1);
    } else {
      ArrayNode rows = JsonNodeFactory.instance.arrayNode();
      String key = by.trim().toLowerCase(Locale.ROOT);
      body.path(field).fields().forEachRemaining(e -> rows.add(((ObjectNode) e.getValue().deepCopy()).put(key, e.getKey())));
      Table.print(out, rows, List.of(key, "value", "weight", "lines", "missing"));
    }
    out.println();
    out.println("total " + body.path("total").asText() + " " + body.path("currency").asText() + " on " + body.path("date").asText()
        + (body.path("complete").asBoolean() ? "" : " (INCOMPLETE: " + body.path("missing").asInt() + " line(s) without a price are not counted)")
        + (body.path("stale").asInt() > 0 ? "; " + body.path("stale").asInt() + " stale price(s)" : ""));
    out.flush();
  }
}
