package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ballast prices sync|progress|list|status|source|import}: the price store and its sources, through the server. */
@Command(name = "prices", mixinStandardHelpOptions = true, description = "Fill and read the price store.",
    subcommands = {PricesCommand.Sync.class, PricesCommand.Progress.class, PricesCommand.ListBars.class, PricesCommand.Status.class, PricesCommand.Source.class,
        PricesCommand.Import.class})
public final class PricesCommand {

  @Command(name = "sync", mixinStandardHelpOptions = true,
      description = "Fetch the missing daily prices of one asset or of all, and the FX rates, from the sources.")
  static final class Sync implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Option(names = "--asset", paramLabel = "ASSET", description = "only this asset (default: every asset, then the FX rates)")
    String asset;

    @Option(names = "--from", paramLabel = "DATE", description = "first day wanted (default: the server's history start)")
    LocalDate from;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      List<String> assets = new ArrayList<>();
      if (asset != null) {
        assets.add(asset);
      } else {
        client.expectOk(client.client().get("api/assets")).forEach(a -> assets.add(a.path("id").asText()));
      }
      ArrayNode all = JsonNodeFactory.instance.arrayNode();
      int done = 0;
      // one asset per request: the progress is real, and one slow source does not hold a single request open
      for (String a : assets) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asset", a);
        if (from != null) {
          body.put("from", from.toString());
        }
        JsonNode outcomes = client.expectOk(client.client().post("api/prices/sync", body));
        done++;
        for (JsonNode o : outcomes) {
          all.add(o);
          if (!client.json) {
            out.printf("%s %-10s %-11s %s%s%n", bar(done, assets.size()), o.path("asset").asText(), o.path("status").asText(),
                o.path("source").isNull() ? "" : o.path("source").asText() + " " + o.path("bars").asInt() + " bars",
                o.path("errors").isEmpty() ? "" : "  " + String.join("; ", texts(o.path("errors"))));
            out.flush();
          }
        }
      }
      if (asset == null) {
        // the FX pairs come with a sync of everything; asked once the assets are done
        JsonNode fx = client.expectOk(client.client().post("api/prices/sync", Map.of("fxOnly", true)));
        fx.forEach(all::add);
      }
      if (client.json) {
        out.println(all.toPrettyString());
        out.flush();
      }
      long failed = 0;
      for (JsonNode o : all) {
        if (o.path("status").asText().equals("failed")) {
          failed++;
        }
      }
      if (failed > 0) {
        throw new CliException(failed + " of " + all.size() + " could not be synced", 1);
      }
    }

    private static List<String> texts(JsonNode array) {
      List<String> out = new ArrayList<>();
      array.forEach(n -> out.add(n.asText()));
      return out;
    }
  }

  /** A progress bar of {@code done} of {@code total}, 20 characters wide, and the count: {@code [#####...............]  5/20}. */
  static String bar(int done, int total) {
    int width = 20;
    int filled = total == 0 ? width : (int) ((long) done * width / total);
    String count = String.valueOf(total);
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + " ".repeat(count.length() - String.valueOf(done).length())
        + done + "/" + total;
  }

  @Command(name = "progress", mixinStandardHelpOptions = true,
      description = "How far the server's running price sync is (a sync of everything, or the periodic refresh), or how the last one ended.")
  static final class Progress implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      JsonNode p = client.expectOk(client.client().get("api/prices/sync/progress"));
      PrintWriter out = spec.commandLine().getOut();
      if (client.json) {
        out.println(p.toPrettyString());
      } else if (p.path("state").asText().equals("idle")) {
        out.println("no price sync since the server started");
      } else {
        int failed = p.path("failed").asInt();
        out.println(bar(p.path("done").asInt(), p.path("total").asInt()) + " " + p.path("state").asText()
            + (p.path("current").isNull() ? "" : ", fetching " + p.path("current").asText())
            + (failed > 0 ? ", " + failed + " failed" : "") + ", started " + p.path("started").asText()
            + (p.path("finished").isNull() ? "" : ", finished " + p.path("finished").asText()));
      }
      out.flush();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The stored daily prices of an asset.")
  static final class ListBars implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ASSET") String asset;

    @Option(names = "--from", paramLabel = "DATE", description = "first day (default: 30 days ago)") LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day (default: today)") LocalDate to;

    @Override
    public void run() {
      String path = "api/prices/" + URLEncoder.encode(asset, StandardCharsets.UTF_8) + "?"
          + (from == null ? "" : "from=" + from + "&") + (to == null ? "" : "to=" + to);
      JsonNode body = client.expectOk(client.client().get(path));
      PrintWriter out = spec.commandLine().getOut();
      if (client.json) {
        out.println(body.toPrettyString());
        out.flush();
        return;
      }
      if (body.path("sources").isEmpty()) {
        out.println(asset + " has no price source: set one with `ballast prices source " + asset + " --yahoo SYMBOL` (or --coingecko, --binance)");
      }
      Table.print(out, body.path("bars"), List.of("date", "open", "high", "low", "close", "adjusted_close", "volume", "source", "fetched_at"));
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Each source: last success, last error, circuit breaker.")
  static final class Status implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      client.printRows(spec.commandLine().getOut(), client.expectOk(client.client().get("api/prices/status")),
          List.of("source", "last_success", "last_error_at", "last_error", "breaker_state"));
    }
  }

  @Command(name = "source", mixinStandardHelpOptions = true, description = "Set or fix where an asset is priced.")
  static final class Source implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ASSET") String asset;

    @Option(names = "--yahoo", paramLabel = "SYMBOL", description = "Yahoo Finance symbol (7203.T, VT); \"\" removes it") String yahoo;

    @Option(names = "--coingecko", paramLabel = "ID", description = "CoinGecko coin id (bitcoin); \"\" removes it") String coingecko;

    @Option(names = "--binance", paramLabel = "CODE", description = "Binance asset code (BTC); \"\" removes it") String binance;

    @Override
    public void run() {
      Map<String, String> sources = new LinkedHashMap<>();
      if (yahoo != null) {
        sources.put("yahoo", yahoo);
      }
      if (coingecko != null) {
        sources.put("coingecko", coingecko);
      }
      if (binance != null) {
        sources.put("binance", binance);
      }
      if (sources.isEmpty()) {
        throw new CliException("error: give at least one of --yahoo, --coingecko, --binance", 2);
      }
      JsonNode body = client.expectOk(client.client().put("api/prices/" + URLEncoder.encode(asset, StandardCharsets.UTF_8) + "/sources",
          Map.of("sources", sources)));
      PrintWriter out = spec.commandLine().getOut();
      out.println(client.json ? body.toPrettyString() : asset + " is priced by " + body.path("sources"));
      out.flush();
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Store prices or NAVs of an asset no source covers from a CSV file (columns date and price, nav, close or 基準価額).",
          "A Japanese fund's 基準価額 is per 10,000 units: --per-units 10000. A bad line rejects the whole file."})
  static final class Import implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ASSET") String asset;

    @Parameters(index = "1", paramLabel = "FILE.csv") java.nio.file.Path file;

    @Option(names = "--per-units", paramLabel = "N", defaultValue = "1",
        description = "units the file's prices are quoted for: 10000 for a 基準価額 (default: ${DEFAULT-VALUE})")
    java.math.BigDecimal perUnits;

    @Option(names = "--charset", paramLabel = "NAME", defaultValue = "UTF-8",
        description = "the file's encoding: UTF-8 or Shift_JIS (windows-31j), as fund companies publish (default: ${DEFAULT-VALUE})")
    String charset;

    @Option(names = "--source", paramLabel = "NAME", description = "where the prices came from (default: the file's name)") String source;

    @Override
    public void run() {
      if (perUnits.signum() <= 0) {
        throw new CliException("error: --per-units: must be greater than zero, got " + perUnits.toPlainString(), 2);
      }
      java.nio.charset.Charset cs;
      try {
        cs = java.nio.charset.Charset.forName(charset);
      } catch (IllegalArgumentException e) {
        throw new CliException("error: --charset: unknown encoding " + charset, 2);
      }
      List<dev.ballast.adapters.marketdata.manual.ManualPrice> prices;
      try (java.io.Reader in = java.nio.file.Files.newBufferedReader(file, cs)) {
        prices = new dev.ballast.adapters.marketdata.manual.ManualPriceCsvReader().read(in, file.getFileName().toString(), perUnits);
      } catch (dev.ballast.adapters.FileFormatException e) {
        throw new CliException("error: " + e.getMessage(), 2);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new CliException("error: " + file + ": no such file", 2);
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        throw new CliException("error: " + file + ": cannot read: " + e.getMessage(), 2);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      prices.forEach(p -> rows.add(Map.of("date", p.date().toString(), "price", p.price())));
      // the source must be a plain token: a file name's spaces or kana become _
      String from = source != null ? source : "file:" + file.getFileName().toString().replaceAll("[^A-Za-z0-9._:/@+\\-]", "_");
      JsonNode body = client.expectOk(client.client().post("api/prices/" + URLEncoder.encode(asset, StandardCharsets.UTF_8) + "/manual/batch",
          Map.of("source", from, "prices", rows)));
      PrintWriter out = spec.commandLine().getOut();
      out.println(client.json ? body.toPrettyString() : body.path("stored").asInt() + " prices of " + asset + " stored from " + file.getFileName()
          + " (" + prices.get(0).date() + " to " + prices.get(prices.size() - 1).date() + ", in " + body.path("currency").asText() + ")");
      out.flush();
    }
  }
}
