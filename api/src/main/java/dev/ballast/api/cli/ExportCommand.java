package dev.ballast.api.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast export KIND --portfolio P|--account A ... -o FILE}: a CSV or Excel download of the server's figures. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export transactions, positions, history (value with flows), metrics, realized (gains of a tax year), orders (fills),"
        + " order-list (every order as it stands) or decisions (a portfolio's strategy decisions)"
        + " of a portfolio or an account as CSV or Excel (docs/reports.md#exports).")
public final class ExportCommand implements Runnable {
  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND", description = "transactions, positions, history, metrics, realized, orders (one row per fill), order-list (one row per order) or decisions")
  String kind;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--portfolio", paramLabel = "PORTFOLIO") String portfolio;
    @Option(names = "--account", paramLabel = "ACCOUNT") String account;
  }

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "first day (transactions, history, metrics, orders, order-list, decisions)") String from;
  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "last day, included; positions as of this day") String to;
  @Option(names = "--year", paramLabel = "YYYY", description = "tax year of a realized export (default: this year in Tokyo)") String year;
  @Option(names = "--format", required = true, paramLabel = "csv|xlsx") String format;
  @Option(names = "--charset", paramLabel = "utf-8|cp932", description = "CSV only: cp932 (with CRLF) for Excel in Japan") String charset;
  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE") Path output;

  @Override
  public void run() {
    Map<String, String> q = new LinkedHashMap<>();
    if (target.portfolio != null) {
      q.put("portfolio", target.portfolio);
    } else {
      q.put("account", target.account);
    }
    put(q, "from", from);
    put(q, "to", to);
    put(q, "year", year);
    put(q, "format", format);
    put(q, "charset", charset);
    String query = q.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    ApiClient api = client.client();
    ApiClient.Download d = api.download("api/exports/" + URLEncoder.encode(kind, StandardCharsets.UTF_8) + "?" + query);
    if (d.status() != 200) {
      throw ClientOptions.problem(new ApiClient.Reply(d.status(), parse(api, d)), null);
    }
    write(output, d.bytes());
    spec.commandLine().getOut().println("wrote " + output + " (" + d.bytes().length + " bytes)");
    spec.commandLine().getOut().flush();
  }

  /** Writes beside the target and moves it into place, so a failed export leaves no half file. */
  static void write(Path output, byte[] bytes) {
    Path dir = output.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, ".ballast-export", ".part");
      try {
        Files.write(tmp, bytes);
        Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CliException("cannot write " + output + ": " + e.getMessage(), 1);
    }
  }

  static com.fasterxml.jackson.databind.JsonNode parse(ApiClient api, ApiClient.Download d) {
    try {
      return api.json().readTree(d.bytes());
    } catch (IOException e) {
      return null;
    }
  }

  private static void put(Map<String, String> q, String key, String value) {
    if (value != null && !value.isBlank()) {
      q.put(key, value);
    }
  }
}
