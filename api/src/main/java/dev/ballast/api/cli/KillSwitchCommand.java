package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast kill-switch engage --reason R | reset | status}: the emergency stop of all trading. */
@Command(name = "kill-switch", mixinStandardHelpOptions = true, description = "Stop all trading (engage), allow it again (reset), or show the status.",
    subcommands = {KillSwitchCommand.Engage.class, KillSwitchCommand.Reset.class, KillSwitchCommand.Status.class})
public final class KillSwitchCommand {

  @Command(name = "engage", mixinStandardHelpOptions = true, description = "No new orders; open orders are cancelled.")
  static final class Engage implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Option(names = "--reason", required = true, description = "why, kept with the event") String reason;
    @Option(names = "--by", defaultValue = "cli", description = "who (default: cli)") String by;

    @Override
    public void run() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("by", by);
      body.put("reason", reason);
      JsonNode reply = client.expectOk(client.client().post("api/kill-switch/engage", body));
      print(spec, client, reply, reply.path("changed").asBoolean() ? "kill switch engaged" : "kill switch was already engaged: "
          + reply.path("state").path("reason").asText());
    }
  }

  @Command(name = "reset", mixinStandardHelpOptions = true, description = "Allow new orders again.")
  static final class Reset implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Option(names = "--by", defaultValue = "cli", description = "who (default: cli)") String by;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().post("api/kill-switch/reset", Map.of("by", by)));
      print(spec, client, reply, reply.path("changed").asBoolean() ? "kill switch reset" : "kill switch was not engaged");
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Engaged or off, by whom and why.")
  static final class Status implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      JsonNode s = client.expectOk(client.client().get("api/kill-switch"));
      print(spec, client, s, s.path("engaged").asBoolean()
          ? "ENGAGED by " + s.path("by").asText() + " at " + s.path("at").asText() + ": " + s.path("reason").asText()
          : "off" + (s.hasNonNull("resetBy") ? " (reset by " + s.path("resetBy").asText() + " at " + s.path("resetAt").asText() + ")" : ""));
    }
  }

  static void print(CommandSpec spec, ClientOptions client, JsonNode reply, String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(client.json ? reply.toPrettyString() : line);
    out.flush();
  }
}
