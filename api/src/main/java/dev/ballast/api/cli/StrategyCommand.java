package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast strategy ...}: a portfolio's strategy: show, configure from a JSON file, check now, list decisions. */
@Command(name = "strategy", mixinStandardHelpOptions = true, description = "A portfolio's rebalancing strategy.",
    subcommands = {StrategyCommand.Show.class, StrategyCommand.Configure.class, StrategyCommand.Check.class, StrategyCommand.Decisions.class})
public final class StrategyCommand {

  @Command(name = "show", mixinStandardHelpOptions = true, description = "The configuration and the last decision.")
  static final class Show implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PORTFOLIO") String portfolio;

    @Override
    public void run() {
      JsonNode s = client.expectOk(client.client().get("api/strategies/" + portfolio));
      KillSwitchCommand.print(spec, client, s, portfolio + ": " + s.path("config").path("mode").asText() + ", "
          + s.path("decisions").asLong() + " decision(s), last " + s.path("lastDecisionId").asText("none"));
    }
  }

  @Command(name = "configure", mixinStandardHelpOptions = true, description = "Set the configuration from a JSON file (the body of PUT /api/strategies/ID).")
  static final class Configure implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PORTFOLIO") String portfolio;
    @Option(names = "--file", required = true) Path file;

    @Override
    public void run() {
      JsonNode body;
      try {
        body = client.client().json().readTree(Files.readString(file));
      } catch (IOException e) {
        throw new CliException(file + ": " + e.getMessage());
      }
      JsonNode reply = client.expectOk(client.client().put("api/strategies/" + portfolio, body));
      KillSwitchCommand.print(spec, client, reply, "strategy of " + portfolio + (reply.path("changed").asBoolean() ? " configured" : " unchanged"));
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true, description = "Check now: decide, journal and (paper, live) send the orders.")
  static final class Check implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PORTFOLIO") String portfolio;

    @Override
    public void run() {
      JsonNode d = client.expectOk(client.client().post("api/strategies/" + portfolio + "/check", java.util.Map.of()));
      StringBuilder line = new StringBuilder("decision " + d.path("decisionId").asText() + ": " + d.path("plan").path("intents").size() + " intent(s)");
      d.path("plan").path("intents").forEach(i -> line.append(System.lineSeparator()).append("  ").append(i.path("side").asText()).append(' ')
          .append(i.path("quantity").asText()).append(' ').append(i.path("instrument").path("base").asText()).append(" in ")
          .append(i.path("account").asText()));
      d.path("plan").path("unresolved").forEach(u -> line.append(System.lineSeparator()).append("  not resolved: ")
          .append(u.path("asset").asText()).append(": ").append(u.path("reason").asText()));
      KillSwitchCommand.print(spec, client, d, line.toString());
    }
  }

  @Command(name = "decisions", mixinStandardHelpOptions = true, description = "The decisions, newest first.")
  static final class Decisions implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PORTFOLIO") String portfolio;
    @Option(names = "--offset", defaultValue = "0") int offset;
    @Option(names = "--limit", defaultValue = "50") int limit;

    @Override
    public void run() {
      JsonNode page = client.expectOk(client.client().get("api/strategies/" + portfolio + "/decisions?offset=" + offset + "&limit=" + limit));
      StringBuilder out = new StringBuilder();
      page.path("decisions").forEach(d -> out.append(d.path("decided").path("decisionId").asText()).append("  ")
          .append(d.path("decided").path("decidedAt").asText()).append("  ").append(d.path("decided").path("plan").path("intents").size())
          .append(" intent(s), ").append(d.path("screened").isMissingNode() || d.path("screened").isNull() ? "not screened"
              : d.path("screened").path("rejected").size() + " rejected").append(System.lineSeparator()));
      KillSwitchCommand.print(spec, client, page, out.toString().stripTrailing());
    }
  }
}
