package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast allocation --portfolio P [--scope all|crypto|traditional] [--currency C]}: weights against the target. */
@Command(name = "allocation", mixinStandardHelpOptions = true,
    description = "A portfolio's current weights against its target: deltas in percentage points and in value.")
public final class AllocationCommand implements Runnable {
  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Option(names = "--portfolio", required = true, paramLabel = "PORTFOLIO") String portfolio;

  @Option(names = "--scope", paramLabel = "all|crypto|traditional", defaultValue = "all", description = "which holdings (default: ${DEFAULT-VALUE})")
  String scope;

  @Option(names = "--currency", paramLabel = "CURRENCY", description = "value in this currency (default: the portfolio's base)") String currency;

  @Override
  public void run() {
    String path = "api/valuation/portfolios/" + URLEncoder.encode(portfolio, StandardCharsets.UTF_8) + "/allocation?scope="
        + URLEncoder.encode(scope, StandardCharsets.UTF_8) + (currency == null ? "" : "&currency=" + URLEncoder.encode(currency, StandardCharsets.UTF_8));
    JsonNode body = client.expectOk(client.client().get(path));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      out.println(body.toPrettyString());
      out.flush();
      return;
    }
    Table.print(out, body.path("rows"), List.of("key", "value", "weight", "target", "deltaPoints", "deltaValue"));
    out.println();
    out.println("total " + body.path("total").asText() + " " + body.path("currency").asText()
        + (body.path("unvalued").asInt() > 0 ? " (" + body.path("unvalued").asInt() + " holding(s) without a price left out)" : ""));
    out.flush();
  }
}
