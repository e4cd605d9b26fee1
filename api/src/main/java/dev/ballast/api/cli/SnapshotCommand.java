package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
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

  @Override
  public void run() {
    String path = "api/valuation/portfolios/" + URLEncoder.encode(portfolio, StandardCharsets.UTF_8) + "/snapshot?"
        + (currency == null ? "" : "currency=" + URLEncoder.encode(currency, StandardCharsets.UTF_8) + "&")
        + (date == null ? "" : "date=" + date);
    JsonNode body = client.expectOk(client.client().get(path));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      out.println(body.toPrettyString());
      out.flush();
      return;
    }
    Table.print(out, body.path("lines"), List.of("account", "asset", "class", "quantity", "price", "price_currency", "price_date", "status",
        "value", "weight", "cost", "unrealized_pnl", "problem"));
    out.println();
    out.println("total " + body.path("total").asText() + " " + body.path("currency").asText() + " on " + body.path("date").asText()
        + (body.path("complete").asBoolean() ? "" : " (INCOMPLETE: " + body.path("missing").asInt() + " line(s) without a price are not counted)")
        + (body.path("stale").asInt() > 0 ? "; " + body.path("stale").asInt() + " stale price(s)" : ""));
    out.flush();
  }
}
