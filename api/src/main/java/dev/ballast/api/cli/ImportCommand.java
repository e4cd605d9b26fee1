package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast import FILE --account ID}: sends a statement file to the server's import endpoint and prints its report. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import a statement file (CSV as the broker or exchange exports it) into an account: all rows or none by default.",
    subcommands = ImportCommand.Formats.class)
public final class ImportCommand implements Runnable {
  /** Files larger than this show their upload progress. */
  static final long PROGRESS_FROM = 8L << 20;

  @Mixin ClientOptions client;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE") Path file;
  @Option(names = "--account", paramLabel = "ID", description = "the account the rows go to (rows of another tax wrapper: see --account-for)") String account;
  @Option(names = "--format", defaultValue = "auto", description = "auto (recognised by header and encoding) or a name from `ballast import formats`") String format;
  @Option(names = "--dry-run", description = "report what would be recorded, write nothing") boolean dryRun;
  @Option(names = "--skip-invalid", description = "import the valid rows and report the rejected ones (default: one bad row rejects the file)") boolean skipInvalid;
  @Option(names = "--implied-deposits", description = "record deposits for the cash the rows take below zero (a trade file without its deposits)") boolean impliedDeposits;
  @Option(names = "--account-for", paramLabel = "WRAPPER=ID", description = "rows of this tax wrapper go to this account (default: ID-<wrapper>)") List<String> accountFor = new ArrayList<>();

  @Override
  public void run() {
    if (file == null) {
      throw new CliException("error: give the FILE to import (or `ballast import formats`)", 2);
    }
    if (account == null) {
      throw new CliException("error: --account ID is required", 2);
    }
    if (!Files.isReadable(file)) {
      throw new CliException("error: " + file + " is not a readable file", 2);
    }
    StringBuilder query = new StringBuilder("?format=").append(encode(format)).append("&file=").append(encode(String.valueOf(file.getFileName())));
    if (dryRun) {
      query.append("&dryRun=true");
    }
    if (skipInvalid) {
      query.append("&skipInvalid=true");
    }
    if (impliedDeposits) {
      query.append("&impliedDeposits=true");
    }
    accountFor.forEach(pair -> query.append("&accountFor=").append(encode(pair)));
    PrintWriter err = spec.commandLine().getErr();
    long size = size(file);
    boolean progress = size >= PROGRESS_FROM;
    int[] shown = {-1};
    ApiClient.Reply reply = client.client().upload("api/accounts/" + encode(account) + "/imports" + query, file, sent -> {
      int percent = (int) (sent * 100 / Math.max(size, 1));
      if (progress && percent / 5 != shown[0]) {
        shown[0] = percent / 5;
        err.print("\ruploading " + file.getFileName() + ": " + percent + "%");
        err.flush();
      }
    }, Duration.ofHours(1));
    if (progress) {
      err.println();
      err.flush();
    }
    JsonNode body = reply.body();
    if (body == null || !body.has("outcome")) {
      throw ClientOptions.problem(reply, null);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (client.json) {
      out.println(body.toPrettyString());
      out.flush();
    } else {
      print(out, body);
    }
    String outcome = body.get("outcome").asText();
    if (outcome.equals("refused")) {
      throw new CliException("nothing was recorded: " + body.get("rejectedCount").asInt() + " rejected row(s)"
          + (skipInvalid ? "" : "; --skip-invalid imports the others"), 2);
    }
    if (outcome.equals("partly-recorded")) {
      throw new CliException("the ledger refused a batch after others were recorded: see each account's status", 1);
    }
  }

  static void print(PrintWriter out, JsonNode r) {
    out.println(r.get("file").asText() + " (" + r.get("format").asText() + "): " + r.get("outcome").asText() + ", "
        + r.get("rows").asInt() + " row(s), " + r.get("rejectedCount").asInt() + " rejected");
    for (JsonNode a : r.get("accounts")) {
      out.println();
      out.println("account " + a.get("account").asText() + (a.hasNonNull("wrapper") ? " (" + a.get("wrapper").asText() + ")" : "")
          + (a.get("created").asBoolean() ? ", opened by this import" : "") + ": " + a.get("status").asText() + ", " + a.get("rows").asInt()
          + " new row(s)" + (a.hasNonNull("from") ? " from " + a.get("from").asText() + " to " + a.get("to").asText() : "")
          + (a.get("status").asText().equals("recorded") ? ", " + a.get("recorded").asInt() + " new, " + a.get("duplicates").asInt() + " already recorded" : "")
          + (a.get("relotted").asBoolean() ? ", re-lotted" : ""));
      out.println("  types: " + counts(a.get("byType")) + "; assets: " + counts(a.get("byAsset")));
      out.println("  first rows:");
      for (JsonNode row : a.get("firstRows")) {
        JsonNode tx = row.get("transaction");
        out.println("    line " + row.get("line").asInt() + ": " + tx.get("type").asText() + " " + tx.path("quantity").asText("")
            + " " + tx.get("asset").asText() + (tx.has("price") ? " @ " + tx.get("price").get("value").asText() + " " + tx.get("price").get("currency").asText() : "")
            + " at " + tx.get("timestamp").asText());
      }
      Table.print(out, a.get("positions"), List.of("asset", "before", "change", "after"));
      if (!a.get("impliedDeposits").isEmpty()) {
        out.println("  the rows imply cash not in the file (a negative balance): " + counts(a.get("impliedDeposits"))
            + (a.get("impliedDepositsRecorded").asInt() > 0 ? "; recorded as " + a.get("impliedDepositsRecorded").asInt() + " deposit(s)"
                : "; --implied-deposits records them"));
      }
    }
    if (r.has("transfers") && !r.get("transfers").isEmpty()) {
      out.println();
      out.println("transfers between your accounts:");
      for (JsonNode t : r.get("transfers")) {
        out.println("  line " + t.get("line").asInt() + ": " + t.get("quantity").asText() + " " + t.get("asset").asText()
            + (t.get("direction").asText().equals("in") ? " from " : " to ") + t.get("otherAccount").asText() + " (" + t.get("otherTransaction").asText() + ")"
            + (t.hasNonNull("carriedCost") ? ", cost " + t.get("carriedCost").asText() + " " + t.get("costCurrency").asText() + " carried" : "")
            + (t.hasNonNull("otherSide") ? "; the other leg: " + t.get("otherSide").asText() : ""));
      }
    }
    if (r.has("relinked") && !r.get("relinked").isEmpty()) {
      out.println();
      out.println("legs of earlier transfers relabelled:");
      for (JsonNode l : r.get("relinked")) {
        out.println("  " + l.get("account").asText() + " " + l.get("transaction").asText() + " (" + l.get("transferId").asText() + "): "
            + l.get("outcome").asText());
      }
    }
    if (r.has("holdings") && !r.get("holdings").isEmpty()) {
      out.println();
      out.println("holdings (statement vs ledger):");
      Table.print(out, r.get("holdings"), List.of("account", "asset", "asOf", "statement", "ledger", "difference"));
    }
    if (!r.get("rejected").isEmpty()) {
      out.println();
      out.println("rejected:");
      for (JsonNode e : r.get("rejected")) {
        out.println("  " + e.get("file").asText() + " line " + e.get("line").asInt() + (e.hasNonNull("column") ? ", column " + e.get("column").asText() : "")
            + ": " + e.get("reason").asText());
      }
      int more = r.get("rejectedCount").asInt() - r.get("rejected").size();
      if (more > 0) {
        out.println("  ... and " + more + " more");
      }
    }
    out.flush();
  }

  private static String counts(JsonNode object) {
    List<String> parts = new ArrayList<>();
    object.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
    return String.join(", ", parts);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new CliException("error: cannot read " + file + ": " + e.getMessage(), 2);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** {@code ballast import formats}: every format the server reads, with its name. */
  @Command(name = "formats", mixinStandardHelpOptions = true, description = "List every statement format with its name and what it expects.")
  static final class Formats implements Runnable {
    @Mixin ClientOptions client;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      JsonNode formats = client.expectOk(client.client().get("api/imports/formats"));
      client.printRows(spec.commandLine().getOut(), formats, List.of("name", "expects"));
    }
  }
}
