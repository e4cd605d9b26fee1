package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast positions ACCOUNT} or {@code ballast positions --portfolio P}. */
@Command(name = "positions", mixinStandardHelpOptions = true, description = "Show positions and cost basis.")
public final class PositionsCommand implements Runnable {
  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Parameters(paramLabel = "ACCOUNT") String account;
    @Option(names = "--portfolio", paramLabel = "PORTFOLIO") String portfolio;
  }

  @Override
  public void run() {
    String path = target.portfolio != null ? "api/portfolios/" + target.portfolio + "/positions" : "api/accounts/" + target.account + "/positions";
    JsonNode rows = client.expectOk(client.client().get(path));
    client.printRows(spec.commandLine().getOut(), rows, List.of("accountId", "asset", "quantity", "cost", "costCurrency", "costInAccount", "realizedInAccount", "lots"));
  }
}
