package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.engine.strategy.policy.MomentumRotation;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast signal ...}: a policy's signal computed offline from files, nothing sent. */
@Command(name = "signal", mixinStandardHelpOptions = true, description = "A policy's signal report from a price file (no server needed).",
    subcommands = SignalCommand.Momentum.class)
public final class SignalCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CliException("error: name the signal: ballast signal momentum --prices FILE.csv", 2);
  }

  /** {@code ballast signal momentum}: the 12-1 sector rotation's ranking, selection and trades. */
  @Command(name = "momentum", mixinStandardHelpOptions = true,
      description = {"12-1 momentum: score = return from the month-end close 12 months back to the one 1 month back;",
          "the top N at equal weight; trades where a weight is off target by more than the threshold, in whole shares."})
  static final class Momentum implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--prices", required = true, paramLabel = "FILE.csv", description = "adjusted daily closes: a date column, one column per asset")
    Path prices;

    @Option(names = "--as-of", paramLabel = "DATE", description = "decision date (default: the file's last date); later rows are not read")
    LocalDate asOf;

    @Option(names = "--top", paramLabel = "N", defaultValue = "3", description = "how many assets to hold (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--threshold", paramLabel = "FRACTION", defaultValue = "0.02",
        description = "trade only where a weight differs from target by more than this (default: ${DEFAULT-VALUE}, two points)")
    BigDecimal threshold;

    @Option(names = "--universe", split = ",", paramLabel = "ASSET", description = "the assets ranked (default: every column of the file)")
    List<String> universe;

    @Option(names = "--holding", paramLabel = "ASSET=SHARES", description = "shares held, repeatable")
    Map<String, BigDecimal> holdings = new LinkedHashMap<>();

    @Option(names = "--cash", paramLabel = "AMOUNT", defaultValue = "0", description = "cash available, in the prices' currency")
    BigDecimal cash;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Override
    public void run() {
      PriceTableCsv table = PriceTableCsv.read(prices);
      List<String> assets = universe == null ? table.assets() : universe;
      for (String a : assets) {
        if (!table.assets().contains(a)) {
          throw new CliException("error: --universe " + a + ": not a column of " + prices + " " + table.assets(), 2);
        }
      }
      for (String a : holdings.keySet()) {
        if (!table.assets().contains(a)) {
          throw new CliException("error: --holding " + a + ": not a column of " + prices + " " + table.assets(), 2);
        }
      }
      Map<String, NavigableMap<LocalDate, BigDecimal>> closes = new LinkedHashMap<>();
      for (int i = 0; i < table.assets().size(); i++) {
        NavigableMap<LocalDate, BigDecimal> s = new TreeMap<>();
        for (int t = 0; t < table.dates().size(); t++) {
          s.put(table.dates().get(t), table.prices().get(t).get(i));
        }
        closes.put(table.assets().get(i), s);
      }
      LocalDate date = asOf != null ? asOf : table.dates().get(table.dates().size() - 1);
      MomentumRotation.Signal s;
      try {
        s = MomentumRotation.decide(new MomentumRotation.Inputs(date, assets, closes, holdings, cash, top, threshold));
      } catch (IllegalArgumentException e) {
        throw new CliException("error: " + e.getMessage(), 2);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("as_of", s.asOf().toString()).put("score_from", s.scoreFrom().toString()).put("score_to", s.scoreTo().toString());
        ArrayNode ranking = node.putArray("ranking");
        for (MomentumRotation.Ranked r : s.ranking()) {
          ObjectNode row = ranking.addObject().put("asset", r.asset());
          if (r.unranked() == null) {
            row.put("rank", r.rank()).put("score", r.score().toPlainString());
          } else {
            row.put("unranked", r.unranked());
          }
        }
        ArrayNode selected = node.putArray("selected");
        s.selected().forEach(selected::add);
        node.put("target_weight", s.targetWeight().toPlainString()).put("portfolio_value", s.portfolioValue().toPlainString());
        ArrayNode trades = node.putArray("trades");
        for (MomentumRotation.Trade t : s.trades()) {
          trades.addObject().put("asset", t.asset()).put("side", t.side()).put("shares", t.shares().toPlainString())
              .put("price", t.price().toPlainString()).put("value", t.value().toPlainString());
        }
        out.println(node.toPrettyString());
      } else {
        out.printf(Locale.ROOT, "as of %s: score from the %s close to the %s close%n%n", s.asOf(), s.scoreFrom(), s.scoreTo());
        out.printf(Locale.ROOT, "%-4s %-12s %12s%n", "rank", "asset", "score");
        for (MomentumRotation.Ranked r : s.ranking()) {
          out.printf(Locale.ROOT, "%-4s %-12s %12s%n", r.unranked() == null ? String.valueOf(r.rank()) : "-", r.asset(),
              r.unranked() == null ? r.score().setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString() : r.unranked());
        }
        out.println();
        out.println("selected: " + String.join(", ", s.selected()) + " at " + s.targetWeight().setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString() + " each");
        List<String> lines = new ArrayList<>();
        for (MomentumRotation.Trade t : s.trades()) {
          lines.add(t.side() + " " + t.shares().toPlainString() + " " + t.asset() + " at " + t.price().toPlainString() + " = " + t.value().toPlainString());
        }
        out.println(lines.isEmpty() ? "trades: none" : "trades:\n  " + String.join("\n  ", lines));
      }
      out.flush();
    }
  }
}
