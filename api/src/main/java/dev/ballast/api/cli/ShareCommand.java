package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast share list|grant|revoke}: who owns a portfolio and who may read it. */
@Command(name = "share", mixinStandardHelpOptions = true,
    description = "Show, give and take away access to a portfolio (its owners and admins; an admin gives a portfolio its first owner).",
    subcommands = {ShareCommand.ListGrants.class, ShareCommand.Grant.class, ShareCommand.Revoke.class})
public final class ShareCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The owners of a portfolio and the users it is shared with.")
  static final class ListGrants implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "portfolio id") String portfolio;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().get("api/shares/" + UserCommand.segment(portfolio)));
      client.printRows(spec.commandLine().getOut(), client.json ? reply : reply.path("grants"),
          List.of("userName", "access", "grantedBy", "grantedAt"));
    }
  }

  @Command(name = "grant", mixinStandardHelpOptions = true, description = "Make a user an owner of a portfolio, or share it with them read-only.")
  static final class Grant implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "portfolio id") String portfolio;
    @Parameters(index = "1", description = "login name") String user;
    @Option(names = "--access", required = true, description = "owner or read") String access;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().put("api/shares/" + UserCommand.segment(portfolio) + "/" + UserCommand.segment(user),
          Map.of("access", access.toUpperCase(Locale.ROOT))));
      UserCommand.print(spec, client, reply, user + " has " + reply.path("access").asText() + " access to portfolio " + portfolio);
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Take a user's access to a portfolio away; their next request is refused.")
  static final class Revoke implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "portfolio id") String portfolio;
    @Parameters(index = "1", description = "login name") String user;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().delete("api/shares/" + UserCommand.segment(portfolio) + "/" + UserCommand.segment(user)));
      UserCommand.print(spec, client, reply, user + " has no access of its own to portfolio " + portfolio + " now");
    }
  }
}
