package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ballast plan --portfolio P}: the orders per account the targets call for, with their
 * reasons; nothing is sent. With {@code --send} the plan goes to the portfolio's strategy, whose mode
 * decides: a dry run journals it as a proposal, paper (or live) screens and sends it.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "The portfolio's multi-account plan: orders per account with tax, fee and reason, and the trades left out."
        + " Sends nothing unless --send hands it to the portfolio's strategy (its mode decides).")
public final class PlanCommand implements Runnable {
  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Option(names = "--portfolio", required = true, description = "the portfolio id")
  String portfolio;

  @Option(names = "--send", description = "hand the plan to the portfolio's strategy: journaled as a decision, sent in paper or live mode")
  boolean send;

  @Option(names = "--idempotency-key", paramLabel = "KEY",
      description = "with --send: the request's Idempotency-Key (default: a new random one per run). The same key again answers the"
          + " decision it made and sends nothing twice: pass the key of a run whose answer was lost to repeat it safely")
  String idempotencyKey;

  @Override
  public void run() {
    if (idempotencyKey != null && !send) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--idempotency-key goes with --send");
    }
    if (send) {
      String key = idempotencyKey != null ? idempotencyKey : java.util.UUID.randomUUID().toString();
      JsonNode d;
      try {
        d = client.expectOk(client.client().post("api/portfolios/" + URLEncoder.encode(portfolio, StandardCharsets.UTF_8) + "/plan",
            java.util.Map.of(), java.util.Map.of("Idempotency-Key", key)));
      } catch (CliException e) {
        // the server may have decided before the answer was lost: the same key repeats the request without a second decision
        throw new CliException(e.getMessage() + System.lineSeparator() + "(idempotency key " + key + ": run again with --idempotency-key "
            + key + " to repeat this request without sending twice)", e.exitCode());
      }
      String nl = System.lineSeparator();
      StringBuilder b = new StringBuilder("decision ").append(d.path("decisionId").asText()).append(" (").append(d.path("mode").asText())
          .append("): ").append(d.path("sent").asBoolean() ? "sent to the risk gate and the executions" : "a proposal, nothing sent");
      if (d.path("repeated").asBoolean()) {
        b.append(" (already decided under idempotency key ").append(key).append(": nothing new decided or sent)");
      }
      for (JsonNode n : d.path("notes")) {
        b.append(nl).append(n.asText());
      }
      for (JsonNode p : d.path("problems")) {
        b.append(nl).append("problem: ").append(p.asText());
      }
      KillSwitchCommand.print(spec, client, d, b.toString());
      return;
    }
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
