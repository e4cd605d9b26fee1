package dev.ballast.adapters.statement;

import com.typesafe.config.Config;
import dev.ballast.adapters.statement.binance.BinanceStatementImporter;
import dev.ballast.adapters.statement.binance.BinanceTradeImporter;
import dev.ballast.adapters.statement.coinbase.CoinbaseImporter;
import dev.ballast.adapters.statement.ibkr.IbkrActivityStatementImporter;
import dev.ballast.adapters.statement.ibkr.IbkrFlexImporter;
import dev.ballast.adapters.statement.kraken.KrakenLedgerImporter;
import dev.ballast.adapters.statement.kraken.KrakenTradeImporter;
import dev.ballast.adapters.statement.generic.GenericCsvImporter;
import dev.ballast.adapters.statement.generic.GenericMapping;
import dev.ballast.adapters.statement.json.JsonStatementImporter;
import dev.ballast.adapters.statement.rakuten.RakutenFundTradeImporter;
import dev.ballast.adapters.statement.rakuten.RakutenHoldingsImporter;
import dev.ballast.adapters.statement.rakuten.RakutenJpTradeImporter;
import dev.ballast.adapters.statement.rakuten.RakutenUsTradeImporter;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import dev.ballast.engine.statement.StatementFormat;
import dev.ballast.engine.statement.StatementImporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every statement format the server reads, by name, and {@code --format auto}: the first format
 * (in this order: built-in ones, then the user's mappings) that recognises the file's head.
 */
public final class StatementFormats {
  private final Map<String, StatementImporter> byName = new LinkedHashMap<>();

  /** What auto-detection found: the importer, or every format tried with what it expected. */
  public sealed interface Detection {
    record Found(StatementImporter importer) implements Detection {}

    record NotRecognised(List<StatementFormat> tried) implements Detection {
      public String message() {
        StringBuilder sb = new StringBuilder("no format recognises the file; tried:");
        tried.forEach(f -> sb.append(System.lineSeparator()).append("  ").append(f.name()).append(": ").append(f.expects()));
        return sb.toString();
      }
    }
  }

  public StatementFormats(List<? extends StatementImporter> importers) {
    for (StatementImporter importer : importers) {
      if (byName.putIfAbsent(importer.format().name(), importer) != null) {
        throw new IllegalArgumentException("two statement formats are named " + importer.format().name());
      }
    }
  }

  /**
   * The built-in formats.
   *
   * @param funds Rakuten fund names to their asset ids (the files name funds only)
   * @param clock the time a holdings file without its export time in its name is taken as of
   */
  public static List<StatementImporter> builtIn(Map<String, String> funds, Clock clock) {
    List<StatementImporter> all = new ArrayList<>();
    all.add(new JsonStatementImporter());
    all.add(new RakutenJpTradeImporter());
    all.add(new RakutenUsTradeImporter());
    all.add(new RakutenFundTradeImporter(funds));
    all.add(new RakutenHoldingsImporter(funds, clock));
    all.add(new BinanceTradeImporter());
    all.add(new IbkrFlexImporter());
    all.add(new IbkrActivityStatementImporter());
    all.add(new KrakenLedgerImporter());
    all.add(new KrakenTradeImporter());
    all.add(new CoinbaseImporter());
    all.add(new BinanceStatementImporter());
    return all;
  }

  /**
   * The built-in formats and one generic format per mapping under {@code imports.mappings} (a
   * HOCON object: mapping name to mapping); Rakuten fund ids from {@code imports.rakuten.funds}.
   */
  public static StatementFormats of(Config imports, Clock clock) {
    Config mappings = imports.hasPath("mappings") ? imports.getConfig("mappings") : ConfigFactory.empty();
    Map<String, String> funds = new LinkedHashMap<>();
    if (imports.hasPath("rakuten.funds")) {
      imports.getConfig("rakuten.funds").root().forEach((name, id) -> funds.put(name, String.valueOf(id.unwrapped())));
    }
    List<StatementImporter> all = builtIn(funds, clock);
    for (String name : mappings.root().keySet()) {
      all.add(new GenericCsvImporter(GenericMapping.from(name, mappings.getConfig("\"" + name + "\""))));
    }
    return new StatementFormats(all);
  }

  public List<StatementImporter> all() {
    return List.copyOf(byName.values());
  }

  public Optional<StatementImporter> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Detection detect(byte[] head) {
    for (StatementImporter importer : byName.values()) {
      if (importer.recognises(head)) {
        return new Detection.Found(importer);
      }
    }
    return new Detection.NotRecognised(byName.values().stream().map(StatementImporter::format).toList());
  }
}
