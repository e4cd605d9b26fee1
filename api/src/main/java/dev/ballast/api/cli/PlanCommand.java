package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast plan --portfolio P}: the orders per account the targets call for, with their reasons; nothing is sent. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "The portfolio's multi-account plan: orders per account with tax, fee and reason, and the trades left out. Sends nothing.")
public final class PlanCommand implements Runnable {
  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Option(names = "--portfolio", required = true, description = "the portfolio id")
  String portfolio;

  @Override
  public void run() {
    JsonNode p = client.expectOk(client.client().get("api/portfolios/" + URLEncoder.encode(portfolio, StandardCharsets.UTF_8) + "/plan"));
    String nl = System.lineSeparator();
    StringBuilder b = new StringBuilder("plan of ").append(p.path("portfolio").asText()).append(" on ").append(p.path("date").asText())
        .append(", total ").append(p.path("totalValue").asText()).append(" ").append(p.path("currency").asText())
        .append(" (a proposal: nothing sent)");
    for (JsonNode o : p.path("orders")) {
      b.append(nl).append(o.path("side").asText()).append(" ").append(o.path("quantity").asText()).append(" ").append(o.path("asset").asText())
          .append(" in ").append(o.path("account").asText()).append(": value ").append(o.path("value").path("amount").asText())
          .append(", fee ").append(o.path("fee").path("amount").asText()).append(", tax ").append(o.path("taxCost").path("amount").asText())
          .append(nl).append("  ").append(o.path("reason").asText());
    }
    for (JsonNode d : p.path("dropped")) {
      b.append(nl).append("left out: ").append(d.path("reason").asText());
    }
    KillSwitchCommand.print(spec, client, p, b.toString());
  }
}
