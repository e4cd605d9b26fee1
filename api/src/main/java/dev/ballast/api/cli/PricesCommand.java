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

/** {@code ballast prices sync|list|status|source}: the price store and its sources, through the server. */
@Command(name = "prices", mixinStandardHelpOptions = true, description = "Fill and read the price store.",
    subcommands = {PricesCommand.Sync.class, PricesCommand.ListBars.class, PricesCommand.Status.class, PricesCommand.Source.class})
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
            out.printf("[%d/%d] %-10s %-11s %s%s%n", done, assets.size(), o.path("asset").asText(), o.path("status").asText(),
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
}
