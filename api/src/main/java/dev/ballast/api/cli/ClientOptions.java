package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a CLI command reaches the server, and how it prints. */
public final class ClientOptions {
  @Option(names = "--url", description = "server URL (default: $BALLAST_URL or http://localhost:8080)")
  String url;

  @Option(names = "--token", description = "API token (default: $BALLAST_TOKEN or the file DATA/admin.token)")
  String token;

  @Option(names = "--data", description = "data directory holding admin.token (default: ./data)")
  Path data;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  ApiClient client() {
    String base = url != null ? url : System.getenv().getOrDefault("BALLAST_URL", "http://localhost:8080");
    if (!base.endsWith("/")) {
      base = base + "/";
    }
    return new ApiClient(URI.create(base), token());
  }

  private String token() {
    if (token != null) {
      return token;
    }
    String env = System.getenv("BALLAST_TOKEN");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    Path file = (data != null ? data : Path.of("data")).resolve("admin.token");
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new CliException("no API token: give --token, set BALLAST_TOKEN, or point --data at the server's data directory ("
          + file + " is not readable)");
    }
  }

  /** Prints rows as a table with these columns, or as JSON with --json. */
  void printRows(PrintWriter out, JsonNode rows, java.util.List<String> columns) {
    if (json) {
      out.println(rows.toPrettyString());
      out.flush();
    } else {
      Table.print(out, rows, columns);
    }
  }

  /** The body of a successful reply; otherwise fails with the problem it carries. */
  JsonNode expectOk(ApiClient.Reply reply) {
    if (reply.ok()) {
      return reply.body();
    }
    throw problem(reply, null);
  }

  /** Stops with exit code 2 when input breaks the limits, naming each field, before anything is sent. */
  static void refuse(java.util.List<dev.ballast.engine.model.FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new CliException("error: " + errors.stream().map(e -> e.field() + " " + e.message())
          .collect(java.util.stream.Collectors.joining("; ")), 2);
    }
  }

  static CliException problem(ApiClient.Reply reply, java.util.function.IntFunction<String> rowLabel) {
    JsonNode body = reply.body();
    StringBuilder sb = new StringBuilder("error (HTTP " + reply.status() + ")");
    if (body != null && body.has("detail")) {
      sb.append(": ").append(body.get("detail").asText());
    }
    if (body != null && body.has("errors")) {
      for (JsonNode e : body.get("errors")) {
        int row = e.path("row").asInt(0);
        String where = row > 0 ? (rowLabel != null ? rowLabel.apply(row) : "row " + row) + ", " : "";
        sb.append(System.lineSeparator()).append("  ").append(where).append("field ").append(e.path("field").asText())
            .append(": ").append(e.path("message").asText());
      }
    }
    return new CliException(sb.toString(), reply.status() == 422 || reply.status() == 400 ? 2 : 1);
  }
}
