package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.adapters.FileFormatException;
import dev.ballast.adapters.statement.json.JsonTransactionFile;
import dev.ballast.api.http.transactions.TransactionBatchRequest;
import dev.ballast.api.http.transactions.TransactionRequest;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast tx ...}: record transactions and list them. */
@Command(name = "tx", mixinStandardHelpOptions = true, description = "Record and list transactions.",
    subcommands = {TxCommand.Add.class, TxCommand.ImportJson.class, TxCommand.ListAll.class})
public final class TxCommand {

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Record one transaction. Without --id the external id is derived from the flags, so running the same"
          + " command with --at twice records it once; give --id to record two identical transactions.")
  static final class Add implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ACCOUNT") String account;
    @Option(names = "--type", required = true, description = "BUY, SELL, DEPOSIT, WITHDRAWAL, TRANSFER_IN, TRANSFER_OUT, DIVIDEND, INTEREST, STAKING_REWARD, FEE, TAX, SPLIT") TransactionType type;
    @Option(names = "--asset", required = true) String asset;
    @Option(names = "--quantity") BigDecimal quantity;
    @Option(names = "--price", description = "price per unit") BigDecimal price;
    @Option(names = "--currency", description = "currency of --price and --amount (default: JPY)", defaultValue = "JPY") String currency;
    @Option(names = "--amount", description = "gross amount of a DIVIDEND or INTEREST, in --currency") BigDecimal amount;
    @Option(names = "--fee") BigDecimal fee;
    @Option(names = "--fee-currency", description = "default: --currency") String feeCurrency;
    @Option(names = "--tax") BigDecimal tax;
    @Option(names = "--tax-currency", description = "default: --currency") String taxCurrency;
    @Option(names = "--fx-rate", description = "one unit of --currency in the account currency") BigDecimal fxRate;
    @Option(names = "--transfer-id") String transferId;
    @Option(names = "--split-ratio") BigDecimal splitRatio;
    @Option(names = "--at", description = "ISO-8601 instant, e.g. 2026-01-05T01:00:00Z (default: now)") Instant at;
    @Option(names = "--source", defaultValue = "cli") String source;
    @Option(names = "--id", description = "external id at the source") String externalId;
    @Option(names = "--note") String note;

    @Override
    public void run() {
      Instant when = at != null ? at : Instant.now();
      Transaction.Builder b = Transaction.builder(type).at(when).asset(asset).note(note).transferId(transferId);
      if (quantity != null) {
        b.quantity(new Quantity(quantity));
      }
      if (price != null) {
        b.price(new Price(price, dev.ballast.engine.model.AssetId.of(currency)));
      }
      if (amount != null) {
        b.amount(new Money(amount, dev.ballast.engine.model.AssetId.of(currency)));
      }
      if (fee != null) {
        b.fee(new Money(fee, dev.ballast.engine.model.AssetId.of(feeCurrency != null ? feeCurrency : currency)));
      }
      if (tax != null) {
        b.tax(new Money(tax, dev.ballast.engine.model.AssetId.of(taxCurrency != null ? taxCurrency : currency)));
      }
      if (fxRate != null) {
        b.fxRate(fxRate);
      }
      if (splitRatio != null) {
        b.splitRatio(splitRatio.toPlainString());
      }
      Transaction draft = b.ref(source, "pending").build();
      String id = externalId != null ? externalId : derivedId(draft);
      Transaction tx = b.ref(source, id).build();
      List<FieldError> errors = InputLimits.transaction(1, tx);
      if (!errors.isEmpty()) {
        throw new CliException("error: " + errors.stream().map(e -> flag(e.field()) + " " + e.message())
            .collect(java.util.stream.Collectors.joining("; ")), 2);
      }
      ApiClient api = client.client();
      ApiClient.Reply reply = api.post("api/accounts/" + account + "/transactions",
          new TransactionBatchRequest(List.of(TransactionRequest.of(tx))));
      if (!reply.ok()) {
        throw ClientOptions.problem(reply, null);
      }
      report(spec.commandLine().getOut(), client, reply.body());
    }

    /** The flag that set a transaction field. */
    private static String flag(String field) {
      return switch (field) {
        case "timestamp" -> "--at";
        case "price.value" -> "--price";
        case "amount.amount" -> "--amount";
        case "fee.amount" -> "--fee";
        case "tax.amount" -> "--tax";
        case "fxRate" -> "--fx-rate";
        case "splitRatio" -> "--split-ratio";
        case "transferId" -> "--transfer-id";
        case "externalId" -> "--id";
        default -> "--" + field;
      };
    }

    /** The same flags (with --at) give the same id; without --at the time of the run is part of it. */
    private String derivedId(Transaction draft) {
      try {
        String text = client.client().json().writeValueAsString(draft);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return "cli-" + HexFormat.of().formatHex(digest, 0, 12);
      } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Command(name = "import-json", mixinStandardHelpOptions = true,
      description = "Record a batch from a JSON file (an array of transactions); all rows or none.")
  static final class ImportJson implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ACCOUNT") String account;
    @Parameters(index = "1", paramLabel = "FILE") Path file;

    @Override
    public void run() {
      JsonTransactionFile.Batch batch;
      try {
        batch = JsonTransactionFile.read(file);
      } catch (FileFormatException e) {
        throw new CliException("error: " + e.getMessage(), 2);
      }
      ApiClient.Reply reply = client.client().post("api/accounts/" + account + "/transactions",
          new TransactionBatchRequest(batch.transactions().stream().map(TransactionRequest::of).toList()));
      if (!reply.ok()) {
        throw ClientOptions.problem(reply, row -> file.getFileName() + " line " + batch.lineOf(row));
      }
      report(spec.commandLine().getOut(), client, reply.body());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List an account's transactions.")
  static final class ListAll implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ACCOUNT") String account;
    @Option(names = "--offset", defaultValue = "0") long offset;
    @Option(names = "--limit", defaultValue = "100") int limit;

    @Override
    public void run() {
      JsonNode page = client.expectOk(client.client().get("api/accounts/" + account + "/transactions?offset=" + offset + "&limit=" + limit));
      PrintWriter out = spec.commandLine().getOut();
      if (client.json) {
        out.println(page.toPrettyString());
        out.flush();
        return;
      }
      com.fasterxml.jackson.databind.node.ArrayNode rows = client.client().json().createArrayNode();
      for (JsonNode item : page.path("items")) {
        JsonNode tx = item.path("transaction");
        var row = rows.addObject();
        row.put("id", item.path("transactionId").asText());
        row.put("timestamp", tx.path("timestamp").asText());
        row.put("type", tx.path("type").asText());
        row.put("asset", tx.path("asset").asText());
        row.set("quantity", tx.path("quantity"));
        row.put("price", tx.has("price") ? tx.path("price").path("value").asText() + " " + tx.path("price").path("currency").asText() : "");
        row.put("fee", tx.has("fee") ? tx.path("fee").path("amount").asText() + " " + tx.path("fee").path("currency").asText() : "");
        row.put("ref", tx.path("source").asText() + ":" + tx.path("externalId").asText());
      }
      Table.print(out, rows, List.of("id", "timestamp", "type", "asset", "quantity", "price", "fee", "ref"));
      out.println(page.path("items").size() + " of " + page.path("total").asLong() + " (offset " + offset + ")");
      out.flush();
    }
  }

  static void report(PrintWriter out, ClientOptions client, JsonNode body) {
    if (client.json) {
      out.println(body.toPrettyString());
    } else {
      int recorded = body.path("transactionIds").size();
      int duplicates = body.path("duplicates").size();
      out.println("recorded " + recorded + " transaction(s)" + (duplicates > 0 ? ", " + duplicates + " already recorded (unchanged)" : "")
          + (body.path("relotted").asBoolean() ? "; older than what was recorded: the account was re-lotted by trade time" : ""));
      for (JsonNode d : body.path("duplicates")) {
        out.println("  row " + d.path("row").asInt() + ": " + d.path("source").asText() + ":" + d.path("externalId").asText()
            + " is " + d.path("transactionId").asText());
      }
    }
    out.flush();
  }
}
