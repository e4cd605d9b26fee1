package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast snapshots PORTFOLIO [--from D] [--to D]}: the daily snapshots the portfolio-snapshots job stored. */
@Command(name = "snapshots", mixinStandardHelpOptions = true,
    description = "The daily snapshots the portfolio-snapshots job stored: each day's value, flow, and whether it is complete.")
public final class SnapshotsCommand implements Runnable {
  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PORTFOLIO") String portfolio;

  @Option(names = "--from", paramLabel = "DATE", description = "first day (default: 30 days before --to)") LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "last day (default: today in the jobs' zone)") LocalDate to;

  @Override
  public void run() {
    String path = "api/valuation/portfolios/" + URLEncoder.encode(portfolio, StandardCharsets.UTF_8) + "/snapshots?"
        + (from == null ? "" : "from=" + from + "&") + (to == null ? "" : "to=" + to);
    JsonNode body = client.expectOk(client.client().get(path));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      out.println(body.toPrettyString());
      out.flush();
      return;
    }
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    int incomplete = 0;
    for (JsonNode s : body.path("snapshots")) {
      List<String> missing = new ArrayList<>();
      s.path("missing").forEach(m -> missing.add(m.asText()));
      boolean complete = s.path("complete").asBoolean();
      incomplete += complete ? 0 : 1;
      rows.addObject().put("date", s.path("date").asText()).put("currency", s.path("currency").asText())
          .put("value", s.path("value").decimalValue().toPlainString())
          .put("flow", s.path("flow").decimalValue().signum() == 0 ? "" : s.path("flow").decimalValue().toPlainString())
          .put("complete", complete ? "yes" : "no")
          .put("stale", s.path("stale").asInt() == 0 ? "" : Integer.toString(s.path("stale").asInt()))
          .put("refilled", s.path("revision").asInt() == 0 ? "" : Integer.toString(s.path("revision").asInt()))
          .put("missing", String.join("; ", missing));
    }
    Table.print(out, rows, List.of("date", "currency", "value", "flow", "complete", "stale", "refilled", "missing"));
    out.println();
    out.println(body.path("snapshots").size() + " snapshot(s) of " + portfolio + " from " + body.path("from").asText() + " to "
        + body.path("to").asText() + (incomplete == 0 ? "" : ", " + incomplete + " incomplete"));
    out.flush();
  }
}
