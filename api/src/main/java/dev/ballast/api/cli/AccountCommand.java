package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.model.InputLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast account ...}: open and list accounts. */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Manage accounts.",
    subcommands = {AccountCommand.Create.class, AccountCommand.ListAll.class})
public final class AccountCommand {

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Open an account.")
  static final class Create implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Option(names = "--name", required = true) String name;
    @Option(names = "--kind", defaultValue = "EXCHANGE", description = "EXCHANGE, WALLET, BROKER, BANK or MANUAL") String kind;
    @Option(names = "--provider", defaultValue = "manual", description = "e.g. binance, rakuten, ibkr") String provider;
    @Option(names = "--currency", defaultValue = "JPY", description = "account currency (default: JPY)") String currency;
    @Option(names = "--tax-wrapper", defaultValue = "TAXABLE", description = "NISA, SPECIFIC, GENERAL, TAXABLE, TAX_FREE, TAX_DEFERRED") String taxWrapper;
    @Option(names = "--allow-short", description = "allow sells below zero (margin accounts)") boolean allowShort;
    @Option(names = "--cost-method", defaultValue = "fifo",
        description = "how its P&L is costed by default: fifo, average or total-average (default: ${DEFAULT-VALUE})") String costMethod;

    @Override
    public void run() {
      List<dev.ballast.engine.model.FieldError> errors = new java.util.ArrayList<>(InputLimits.accountName(name));
      errors.addAll(InputLimits.provider(provider));
      ClientOptions.refuse(errors);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", id);
      body.put("name", name);
      body.put("kind", kind.trim().toUpperCase(java.util.Locale.ROOT));
      body.put("provider", provider);
      body.put("currency", currency);
      body.put("taxWrapper", taxWrapper.trim().toUpperCase(java.util.Locale.ROOT));
      body.put("allowShort", allowShort);
      body.put("costMethod", costMethod);
      JsonNode reply = client.expectOk(client.client().post("api/accounts", body));
      PortfolioCommand.print(spec, client, reply, "account " + id + (reply.path("changed").asBoolean() ? " opened" : " already open"));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
  static final class ListAll implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      JsonNode rows = client.expectOk(client.client().get("api/accounts"));
      client.printRows(spec.commandLine().getOut(), rows, List.of("accountId", "name", "kind", "provider", "currency", "taxWrapper", "transactionCount"));
    }
  }
}
