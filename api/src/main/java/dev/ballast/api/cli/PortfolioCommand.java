package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.portfolio.TargetAllocation;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ballast portfolio ...}: create, list, attach accounts, set targets. */
@Command(name = "portfolio", mixinStandardHelpOptions = true, description = "Manage portfolios.",
    subcommands = {PortfolioCommand.Create.class, PortfolioCommand.ListAll.class, PortfolioCommand.Attach.class,
        PortfolioCommand.Detach.class, PortfolioCommand.Target.class})
public final class PortfolioCommand {

  static final List<String> COLUMNS = List.of("portfolioId", "name", "baseCurrency", "accounts", "createdAt");

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a portfolio.")
  static final class Create implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID", description = "portfolio id (lower case, digits, -)") String id;
    @Option(names = "--name", required = true) String name;
    @Option(names = "--currency", defaultValue = "JPY", description = "base currency (default: JPY)") String currency;

    @Override
    public void run() {
      ClientOptions.refuse(InputLimits.portfolio(name));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", id);
      body.put("name", name);
      body.put("baseCurrency", currency);
      JsonNode reply = client.expectOk(client.client().post("api/portfolios", body));
      print(spec, client, reply, "portfolio " + id + (reply.path("changed").asBoolean() ? " created" : " already exists"));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List portfolios.")
  static final class ListAll implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      JsonNode rows = client.expectOk(client.client().get("api/portfolios"));
      client.printRows(spec.commandLine().getOut(), rows, COLUMNS);
    }
  }

  @Command(name = "attach", mixinStandardHelpOptions = true, description = "Attach an account to a portfolio.")
  static final class Attach implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PORTFOLIO") String portfolio;
    @Parameters(index = "1", paramLabel = "ACCOUNT") String account;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().post("api/portfolios/" + portfolio + "/accounts", Map.of("accountId", account)));
      print(spec, client, reply, "account " + account + (reply.path("changed").asBoolean() ? " attached to " : " was already in ") + portfolio);
    }
  }

  @Command(name = "detach", mixinStandardHelpOptions = true, description = "Detach an account from a portfolio.")
  static final class Detach implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PORTFOLIO") String portfolio;
    @Parameters(index = "1", paramLabel = "ACCOUNT") String account;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().delete("api/portfolios/" + portfolio + "/accounts/" + account));
      print(spec, client, reply, "account " + account + (reply.path("changed").asBoolean() ? " detached from " : " was not in ") + portfolio);
    }
  }

  @Command(name = "target", mixinStandardHelpOptions = true,
      description = "Set the target allocation, e.g. `--kind ASSET BTC=60 VTI=40` (percent, summing to 100); "
          + "KEY@ACCOUNT=PERCENT holds that weight in that account, e.g. `VTI@nisa=40`.")
  static final class Target implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PORTFOLIO") String portfolio;
    @Parameters(index = "1..*", paramLabel = "KEY[@ACCOUNT]=PERCENT", arity = "1..*") List<String> weights;
    @Option(names = "--kind", defaultValue = "ASSET", description = "ASSET, ASSET_CLASS or GROUP") String kind;

    @Override
    public void run() {
      List<Map<String, Object>> targets = new ArrayList<>();
      List<TargetAllocation.Target> checked = new ArrayList<>();
      for (String w : weights) {
        int eq = w.indexOf('=');
        if (eq <= 0) {
          throw new CliException("expected KEY=PERCENT, got " + w, 2);
        }
        try {
          BigDecimal weight = new BigDecimal(w.substring(eq + 1).trim());
          String key = w.substring(0, eq);
          int at = key.indexOf('@');
          String account = at < 0 ? null : key.substring(at + 1);
          key = at < 0 ? key : key.substring(0, at);
          if (account != null && account.isEmpty()) {
            throw new CliException("expected KEY@ACCOUNT=PERCENT, got " + w, 2);
          }
          Map<String, Object> target = new java.util.LinkedHashMap<>();
          target.put("key", key);
          target.put("weightPercent", weight);
          if (account != null) {
            target.put("account", account);
          }
          targets.add(target);
          checked.add(new TargetAllocation.Target(key, weight, account));
        } catch (NumberFormatException e) {
          throw new CliException("not a number in " + w, 2);
        }
      }
      String kindName = kind.trim().toUpperCase(java.util.Locale.ROOT);
      TargetAllocation.Kind parsed = java.util.Arrays.stream(TargetAllocation.Kind.values())
          .filter(k -> k.name().equals(kindName)).findFirst()
          .orElseThrow(() -> new CliException("error: --kind must be ASSET, ASSET_CLASS or GROUP, got " + kind, 2));
      ClientOptions.refuse(TargetAllocation.limits(new TargetAllocation(parsed, checked, null)));
      JsonNode reply = client.expectOk(client.client().put("api/portfolios/" + portfolio + "/target",
          Map.of("kind", kindName, "targets", targets)));
      print(spec, client, reply, "target of " + portfolio + (reply.path("changed").asBoolean() ? " set" : " unchanged"));
    }
  }

  static void print(CommandSpec spec, ClientOptions client, JsonNode reply, String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(client.json ? reply.toPrettyString() : line);
    out.flush();
  }
}
