package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ballast regime status}: the crypto market's regime, since when, and the figures it was read from. */
@Command(name = "regime", mixinStandardHelpOptions = true, description = "The crypto market regime (HODL, Risk Off, BTC Season, Alt/ETH Season, Risk On).",
    subcommands = {RegimeCommand.Status.class})
public final class RegimeCommand {

  @Command(name = "status", mixinStandardHelpOptions = true, description = "The current regime, since when, and its inputs.")
  static final class Status implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      JsonNode s = client.expectOk(client.client().get("api/regime/status"));
      String line;
      if (s.path("regime").isNull()) {
        line = "no regime yet: " + s.path("note").asText();
      } else {
        StringBuilder b = new StringBuilder(s.path("regime").asText()).append(" since ").append(s.path("since").asText())
            .append(" (last day ").append(s.path("lastDay").asText()).append(")");
        JsonNode in = s.path("inputs");
        if (in.isObject()) {
          in.fields().forEachRemaining(f -> b.append(System.lineSeparator()).append("  ").append(f.getKey()).append(": ")
              .append(f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        }
        line = b.toString();
      }
      KillSwitchCommand.print(spec, client, s, line);
    }
  }
}
