package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast reconcile ACCOUNT}: the ledger against the last holdings statement, per asset. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
    description = "Compare an account's ledger with the holdings its last statements reported (import a holdings file first).")
public final class ReconcileCommand implements Runnable {
  @Mixin ClientOptions client;
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "ACCOUNT") String account;

  @Override
  public void run() {
    JsonNode report = client.expectOk(client.client().get("api/accounts/" + java.net.URLEncoder.encode(account, java.nio.charset.StandardCharsets.UTF_8)
        + "/reconciliation"));
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      out.println(report.toPrettyString());
      out.flush();
      return;
    }
    if (report.get("reportedAsOf").isEmpty()) {
      out.println("account " + account + ": no holdings statement reported yet (ballast import a holdings file)");
    } else {
      StringBuilder sources = new StringBuilder();
      report.get("reportedAsOf").fields().forEachRemaining(e -> sources.append(sources.isEmpty() ? "" : ", ").append(e.getKey()).append(" as of ")
          .append(e.getValue().asText()));
      out.println("account " + account + " against " + sources + ": " + (report.get("balanced").asBoolean() ? "balanced" : "differences"));
    }
    Table.print(out, report.get("assets"), List.of("asset", "ledger", "statement", "difference"));
  }
}
