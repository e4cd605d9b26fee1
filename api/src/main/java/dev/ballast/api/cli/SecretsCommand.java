package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast secrets set|list|delete|events|rotate-master}: the vault's account secrets (admin only); values are never printed. */
@Command(name = "secrets", mixinStandardHelpOptions = true, description = "Set, list (masked), delete account secrets; rotate the vault's master key.",
    subcommands = {SecretsCommand.Set.class, SecretsCommand.ListSecrets.class, SecretsCommand.Delete.class, SecretsCommand.Events.class,
        SecretsCommand.RotateMaster.class})
public final class SecretsCommand {

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Set or replace an account's secret (a replacement keeps only the fields given). A value of - is read from standard input.")
  static final class Set implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "account id") String account;
    @Option(names = "--api-key") String apiKey;
    @Option(names = "--api-secret") String apiSecret;
    @Option(names = "--passphrase") String passphrase;
    @Option(names = "--venue-token", description = "a venue's token (the IBKR Flex Web Service token); --token is the API token of the CLI itself") String token;
    @Option(names = "--xpub", description = "an extended public key or wallet addresses") String xpub;

    @Override
    public void run() {
      Map<String, Object> body = new LinkedHashMap<>();
      java.io.BufferedReader stdin = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
      put(body, "apiKey", apiKey, stdin);
      put(body, "apiSecret", apiSecret, stdin);
      put(body, "passphrase", passphrase, stdin);
      put(body, "token", token, stdin);
      put(body, "xpub", xpub, stdin);
      if (body.isEmpty()) {
        throw new CliException("error: give at least one of --api-key, --api-secret, --passphrase, --venue-token, --xpub", 2);
      }
      JsonNode reply = client.expectOk(client.client().put("api/secrets/" + UserCommand.segment(account), body));
      UserCommand.print(spec, client, reply, reply.path("outcome").asText() + " the secret of " + account + ": " + reply.path("fields"));
    }

    /** "-" reads the next line of standard input, so a value need not appear in the process list or shell history. */
    private static void put(Map<String, Object> body, String name, String value, java.io.BufferedReader stdin) {
      if (value == null) {
        return;
      }
      if (value.equals("-")) {
        try {
          String line = stdin.readLine();
          if (line == null) {
            throw new CliException("error: standard input ended before the value of " + name, 2);
          }
          value = line;
        } catch (java.io.IOException e) {
          throw new CliException("error: cannot read standard input: " + e.getMessage(), 2);
        }
      }
      body.put(name, value);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The accounts' secrets, masked (last four characters).")
  static final class ListSecrets implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      JsonNode rows = client.expectOk(client.client().get("api/secrets"));
      PrintWriter out = spec.commandLine().getOut();
      if (client.json) {
        out.println(rows.toPrettyString());
      } else {
        for (JsonNode row : rows) {
          StringBuilder line = new StringBuilder(row.path("account").asText());
          row.path("fields").fields().forEachRemaining(f -> line.append("  ").append(f.getKey()).append('=').append(f.getValue().asText()));
          line.append("  key v").append(row.path("keyVersion").asInt()).append("  updated ").append(row.path("updatedAt").asText());
          out.println(line);
        }
      }
      out.flush();
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an account's secret.")
  static final class Delete implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "account id") String account;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().delete("api/secrets/" + UserCommand.segment(account)));
      UserCommand.print(spec, client, reply, "deleted the secret of " + account);
    }
  }

  @Command(name = "events", mixinStandardHelpOptions = true, description = "Every change of the vault (never a value).")
  static final class Events implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      client.printRows(spec.commandLine().getOut(), client.expectOk(client.client().get("api/secrets/events")),
          List.of("seq", "at", "accountId", "action", "actor", "fields", "keyVersion"));
    }
  }

  @Command(name = "rotate-master", mixinStandardHelpOptions = true,
      description = "A new master key version in the key file; every secret re-sealed with it (a key from the environment is rotated by restarting with the new one).")
  static final class RotateMaster implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().post("api/secrets/rotate-master", Map.of()));
      UserCommand.print(spec, client, reply, "master key v" + reply.path("fromVersion").asInt() + " -> v" + reply.path("toVersion").asInt()
          + ", " + reply.path("resealed").asInt() + " secrets re-sealed");
    }
  }
}
