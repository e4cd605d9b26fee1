package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ballast alerts list [--open] [--level L] | ack ID | subscriptions list|set|delete}: the
 * server's alerts, and the caller's own webhooks and e-mails that get them.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = "The alerts: list them, acknowledge one; the subscriptions that get them.",
    subcommands = {AlertsCommand.ListAlerts.class, AlertsCommand.Ack.class, AlertsCommand.Subscriptions.class})
public final class AlertsCommand {
  static final List<String> COLUMNS = List.of("id", "level", "type", "subject", "count", "lastAt", "acknowledgedAt", "message");

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Alerts, newest first.")
  static final class ListAlerts implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Option(names = "--open", description = "only those not acknowledged") boolean open;
    @Option(names = "--level", description = "info, warning, critical or emergency: that level and above") String level;

    @Override
    public void run() {
      String query = "?open=" + open + (level == null ? "" : "&level=" + java.net.URLEncoder.encode(level, java.nio.charset.StandardCharsets.UTF_8));
      JsonNode reply = client.expectOk(client.client().get("api/alerts" + query));
      PrintWriter out = spec.commandLine().getOut();
      if (client.json) {
        out.println(reply.toPrettyString());
      } else {
        Table.print(out, reply.path("alerts"), COLUMNS);
      }
      out.flush();
    }
  }

  @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an alert: its next repeat is a new alert.")
  static final class Ack implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "the alert's id") long id;
    @Option(names = "--by", defaultValue = "cli", description = "who (default: cli)") String by;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().post("api/alerts/" + id + "/ack?by="
          + java.net.URLEncoder.encode(by, java.nio.charset.StandardCharsets.UTF_8), Map.of()));
      KillSwitchCommand.print(spec, client, reply, "alert " + id + " acknowledged by " + reply.path("acknowledgedBy").asText());
    }
  }

  static final List<String> SUBSCRIPTION_COLUMNS = List.of("user", "name", "channel", "minLevel", "url", "to", "secretSet", "updatedAt");

  /** The {@code ?user=} of a subscriptions path: the caller's own when none is named (an admin may name another). */
  static String userQuery(String user) {
    return user == null ? "" : "?user=" + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8);
  }

  static String subscriptionPath(String name, String user) {
    return "api/alerts/subscriptions/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
        + userQuery(user);
  }

  @Command(name = "subscriptions", mixinStandardHelpOptions = true,
      description = "Your webhooks and e-mails that get alerts of a level and above (an admin may name another user).",
      subcommands = {ListSubscriptions.class, SetSubscription.class, DeleteSubscription.class})
  static final class Subscriptions {}

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The subscriptions, by name (never a secret).")
  static final class ListSubscriptions implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Option(names = "--user", description = "another user's (admin only)") String user;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().get("api/alerts/subscriptions" + userQuery(user)));
      PrintWriter out = spec.commandLine().getOut();
      if (client.json) {
        out.println(reply.toPrettyString());
      } else {
        Table.print(out, reply.path("subscriptions"), SUBSCRIPTION_COLUMNS);
      }
      out.flush();
    }
  }

  /**
   * Creates or replaces a subscription. The webhook's signing secret is read from a file or an
   * environment variable, never from the command line, where other users of the machine see it.
   */
  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Create or replace a subscription: a signed webhook (--webhook URL with --secret-file or --secret-env) or e-mail (--email).")
  static final class SetSubscription implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "the subscription's name") String name;
    @Option(names = "--webhook", description = "the webhook URL (http or https)") String webhook;
    @Option(names = "--secret-file", description = "a file holding the webhook's signing secret (kept when replacing without one)")
    java.nio.file.Path secretFile;
    @Option(names = "--secret-env", description = "an environment variable holding the webhook's signing secret") String secretEnv;
    @Option(names = "--email", split = ",", description = "e-mail addresses (repeat or separate by commas)") List<String> email;
    @Option(names = "--min-level", description = "info, warning, critical or emergency (default: warning)") String minLevel;
    @Option(names = "--user", description = "another user's (admin only)") String user;

    @Override
    public void run() {
      List<dev.ballast.engine.model.FieldError> errors = new java.util.ArrayList<>();
      if ((webhook == null) == (email == null)) {
        errors.add(new dev.ballast.engine.model.FieldError(0, "--webhook/--email", "give exactly one of them"));
      }
      if (email != null && (secretFile != null || secretEnv != null)) {
        errors.add(new dev.ballast.engine.model.FieldError(0, "--secret-file", "is for a webhook; e-mail takes --email"));
      }
      if (secretFile != null && secretEnv != null) {
        errors.add(new dev.ballast.engine.model.FieldError(0, "--secret-env", "give --secret-file or --secret-env, not both"));
      }
      String secret = null;
      if (errors.isEmpty() && secretFile != null) {
        try {
          secret = java.nio.file.Files.readString(secretFile, java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException e) {
          errors.add(new dev.ballast.engine.model.FieldError(0, "--secret-file", secretFile + " is not readable"));
        }
      } else if (errors.isEmpty() && secretEnv != null) {
        secret = System.getenv(secretEnv);
        if (secret == null || secret.isBlank()) {
          errors.add(new dev.ballast.engine.model.FieldError(0, "--secret-env", "the variable " + secretEnv + " is not set"));
        }
      }
      ClientOptions.refuse(errors);
      Map<String, Object> body = new java.util.LinkedHashMap<>();
      body.put("channel", webhook != null ? "webhook" : "email");
      if (minLevel != null) {
        body.put("minLevel", minLevel);
      }
      if (webhook != null) {
        body.put("url", webhook);
        if (secret != null) {
          body.put("secret", secret);
        }
      } else {
        body.put("to", email.stream().map(String::strip).toList());
      }
      ApiClient.Reply reply = client.client().put(subscriptionPath(name, user), body);
      JsonNode kept = client.expectOk(reply);
      KillSwitchCommand.print(spec, client, kept, "subscription " + kept.path("user").asText() + "/" + kept.path("name").asText()
          + (reply.status() == 201 ? " created" : " replaced") + ": " + kept.path("channel").asText() + " from "
          + kept.path("minLevel").asText());
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove a subscription (and a webhook's secret).")
  static final class DeleteSubscription implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "the subscription's name") String name;
    @Option(names = "--user", description = "another user's (admin only)") String user;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().delete(subscriptionPath(name, user)));
      KillSwitchCommand.print(spec, client, reply, "subscription " + reply.path("user").asText() + "/" + name + " deleted");
    }
  }
}
