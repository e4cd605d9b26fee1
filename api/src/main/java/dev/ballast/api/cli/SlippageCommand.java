package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast slippage --portfolio P [--from] [--to] [--threshold BPS] [--json]}. */
@Command(name = "slippage", mixinStandardHelpOptions = true,
    description = "Slippage of fills against their intended prices in bps (positive is unfavourable): count, mean, median,"
        + " standard deviation, outliers, by symbol and venue (docs/reports.md#slippage).")
public final class SlippageCommand implements Runnable {
  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--portfolio", paramLabel = "PORTFOLIO") String portfolio;
    @Option(names = "--account", paramLabel = "ACCOUNT") String account;
  }

  @Option(names = "--from", paramLabel = "YYYY-MM-DD") String from;
  @Option(names = "--to", paramLabel = "YYYY-MM-DD") String to;
  @Option(names = "--threshold", paramLabel = "BPS", description = "outliers beyond this, either way (default 10)") String threshold;

  @Override
  public void run() {
    StringBuilder q = new StringBuilder(target.portfolio != null ? "portfolio=" + enc(target.portfolio) : "account=" + enc(target.account));
    if (from != null) {
      q.append("&from=").append(enc(from));
    }
    if (to != null) {
      q.append("&to=").append(enc(to));
    }
    if (threshold != null) {
      q.append("&threshold=").append(enc(threshold));
    }
    JsonNode body = client.expectOk(client.client().get("api/reports/slippage?" + q));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      out.println(body.toPrettyString());
      out.flush();
      return;
    }
    ArrayNode groups = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    groups.add(row(body, "all", body.get("overall")));
    body.get("by_symbol").fields().forEachRemaining(e -> groups.add(row(body, "symbol " + e.getKey(), e.getValue())));
    body.get("by_venue").fields().forEachRemaining(e -> groups.add(row(body, "venue " + e.getKey(), e.getValue())));
    Table.print(out, groups, List.of("group", "count", "mean_bps", "median_bps", "std_dev_bps", "outliers"));
    out.println();
    out.println("outliers beyond " + body.get("threshold_bps").asText() + " bps:" + (body.get("outliers").isEmpty() ? " none" : ""));
    if (!body.get("outliers").isEmpty()) {
      Table.print(out, body.get("outliers"), List.of("time", "symbol", "venue", "side", "price", "intended_price", "slippage_bps", "fill_id"));
    }
    if (body.get("without_intended_price").asInt() > 0) {
      out.println(body.get("without_intended_price").asInt() + " fill(s) without an intended price are not counted");
    }
    out.flush();
  }

  private static ObjectNode row(JsonNode body, String group, JsonNode summary) {
    ObjectNode row = ((ObjectNode) summary).deepCopy();
    row.put("group", group);
    return row;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
