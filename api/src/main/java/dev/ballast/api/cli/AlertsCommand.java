package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast alerts list [--open] [--level L] | ack ID}: the server's alerts. */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "The alerts: list them, acknowledge one.",
    subcommands = {AlertsCommand.ListAlerts.class, AlertsCommand.Ack.class})
public final class AlertsCommand {
  static final List<String> COLUMNS = List.of("id", "level", "type", "subject", "count", "lastAt", "acknowledgedAt", "message");

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Alerts, newest first.")
  static final class ListAlerts implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Option(names = "--open", description = "only those not acknowledged") boolean open;
    @Option(names = "--level", description = "info, warning, critical or emergency: that level and above") String level;

    @Override
    public void run() {
      String query = "?open=" + open + (level == null ? "" : "&level=" + java.net.URLEncoder.encode(level, java.nio.charset.StandardCharsets.UTF_8));
      JsonNode reply = client.expectOk(client.client().get("api/alerts" + query));
      PrintWriter out = spec.commandLine().getOut();
      if (client.json) {
        out.println(reply.toPrettyString());
      } else {
        Table.print(out, reply.path("alerts"), COLUMNS);
      }
      out.flush();
    }
  }

  @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an alert: its next repeat is a new alert.")
  static final class Ack implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "the alert's id") long id;
    @Option(names = "--by", defaultValue = "cli", description = "who (default: cli)") String by;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().post("api/alerts/" + id + "/ack?by="
          + java.net.URLEncoder.encode(by, java.nio.charset.StandardCharsets.UTF_8), Map.of()));
      KillSwitchCommand.print(spec, client, reply, "alert " + id + " acknowledged by " + reply.path("acknowledgedBy").asText());
    }
  }
}
