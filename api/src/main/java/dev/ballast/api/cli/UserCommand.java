package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast user bootstrap|add|list|remove|passwd}: the users who log in to the dashboard and the API (admin only). */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Add, list and remove users, and set their passwords (needs an admin token).",
    subcommands = {UserCommand.Bootstrap.class, UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class, UserCommand.Passwd.class})
public final class UserCommand {

  /** Where the password comes from; never the command line, where other users of the machine could read it. */
  static final class PasswordSource {
    @Option(names = "--password-stdin", description = "read the password from the first line of standard input") boolean stdin;
    @Option(names = "--password-file", description = "read the password from the first line of this file") Path file;

    String read() {
      if (stdin) {
        try {
          String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
          if (line == null) {
            throw new CliException("error: standard input is empty; expected the password on its first line", 2);
          }
          return line;
        } catch (IOException e) {
          throw new CliException("error: cannot read standard input: " + e.getMessage(), 2);
        }
      }
      if (file != null) {
        try {
          List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
          if (lines.isEmpty()) {
            throw new CliException("error: " + file + " is empty; expected the password on its first line", 2);
          }
          return lines.get(0);
        } catch (IOException e) {
          throw new CliException("error: cannot read " + file + ": " + e.getMessage(), 2);
        }
      }
      return null;
    }
  }

  static String password(PasswordSource source) {
    String given = source == null ? null : source.read();
    if (given != null) {
      return given;
    }
    Console console = System.console();
    if (console == null) {
      throw new CliException("error: no terminal to ask for the password: use --password-stdin or --password-file", 2);
    }
    char[] first = console.readPassword("Password: ");
    char[] second = console.readPassword("Again: ");
    if (first == null || second == null || !Arrays.equals(first, second)) {
      throw new CliException("error: the two passwords differ", 2);
    }
    return new String(first);
  }

  static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Command(name = "bootstrap", mixinStandardHelpOptions = true,
      description = "Make the first admin while no user exists, with the bootstrap admin token (DATA/admin.token), which becomes that admin's personal token.")
  static final class Bootstrap implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "login name of the first admin") String name;
    @ArgGroup(exclusive = true) PasswordSource source;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().post("api/auth/bootstrap", Map.of("name", name, "password", password(source))));
      print(spec, client, reply, "made " + reply.path("name").asText() + " the first admin; the bootstrap token is now their personal API token");
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user (the password is asked for, or read with --password-stdin/--password-file).")
  static final class Add implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "login name (lower-case letters, digits, ._-)") String name;
    @Option(names = "--role", required = true, description = "admin, trader or viewer") String role;
    @ArgGroup(exclusive = true) PasswordSource source;

    @Override
    public void run() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("password", password(source));
      body.put("role", role);
      JsonNode reply = client.expectOk(client.client().post("api/users", body));
      print(spec, client, reply, "added " + reply.path("name").asText() + " as " + reply.path("role").asText());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The users and their roles.")
  static final class ListUsers implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      client.printRows(spec.commandLine().getOut(), client.expectOk(client.client().get("api/users")),
          List.of("name", "role", "createdAt", "changedAt"));
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user; their sessions end at once.")
  static final class Remove implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "login name") String name;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().delete("api/users/" + segment(name)));
      print(spec, client, reply, "removed " + name);
    }
  }

  @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password; their sessions end.")
  static final class Passwd implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "login name") String name;
    @ArgGroup(exclusive = true) PasswordSource source;

    @Override
    public void run() {
      JsonNode reply = client.expectOk(client.client().put("api/users/" + segment(name) + "/password", Map.of("password", password(source))));
      print(spec, client, reply, "password of " + name + " changed; their sessions ended");
    }
  }

  static void print(CommandSpec spec, ClientOptions client, JsonNode reply, String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(client.json ? reply.toPrettyString() : line);
    out.flush();
  }
}
