package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast sync ACCOUNT} syncs an account now; {@code sync status|connect|disconnect} show and change its connection. */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "Sync an account now (ballast sync ACCOUNT), or show or change its connection.",
    subcommands = {SyncCommand.Status.class, SyncCommand.Connect.class, SyncCommand.Disconnect.class})
public final class SyncCommand implements Runnable {
  @Mixin ClientOptions client;
  @Spec CommandSpec spec;
  @Parameters(index = "0", arity = "0..1", description = "the account to sync now") String account;

  static final List<String> COLUMNS = List.of("account", "kind", "phase", "lastSyncAt", "lastError", "nextSyncAt", "recorded");

  @Override
  public void run() {
    if (account == null) {
      throw new CliException("error: name the account to sync (or: sync status, sync connect, sync disconnect)", 2);
    }
    JsonNode reply = client.expectOk(client.client().post("api/sync/" + UserCommand.segment(account), Map.of()));
    UserCommand.print(spec, client, reply, "sync of " + account + " started (last sync " + reply.path("lastSyncAt").asText("never") + ")");
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Last sync, last error and next sync of one account or of all.")
  static final class Status implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", arity = "0..1", description = "account id (all when omitted)") String account;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().get(account == null ? "api/sync" : "api/sync/" + UserCommand.segment(account)));
      client.printRows(spec.commandLine().getOut(), reply.isArray() ? reply : client.client().json().createArrayNode().add(reply), COLUMNS);
    }
  }

  @Command(name = "connect", mixinStandardHelpOptions = true, description = "Connect an account to a venue; its first sync reads the whole history.")
  static final class Connect implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "account id") String account;
    @Option(names = "--kind", required = true, description = "esplora, binance, ethereum, kraken, coinbase or ibkr-flex") String kind;
    @Option(names = "--setting", description = "NAME=VALUE (esplora: baseUrl, addresses, confirmations; binance: pairs, baseUrl; ethereum: nodeUrl, address, tokens; kraken: history, baseUrl; coinbase: transfers, baseUrl; ibkr-flex: queryId, zone, baseUrl; binance, kraken, coinbase, ibkr-flex: rateLimit)") Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().put("api/sync/" + UserCommand.segment(account), Map.of("kind", kind, "settings", settings)));
      UserCommand.print(spec, client, reply, "connected " + account + " to " + kind);
    }
  }

  @Command(name = "disconnect", mixinStandardHelpOptions = true, description = "Stop syncing an account (its ledger and secret stay).")
  static final class Disconnect implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "account id") String account;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().delete("api/sync/" + UserCommand.segment(account)));
      UserCommand.print(spec, client, reply, "disconnected " + account);
    }
  }
}
