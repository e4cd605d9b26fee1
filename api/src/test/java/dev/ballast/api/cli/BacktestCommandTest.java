package dev.ballast.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.Main;
import dev.ballast.api.server.BallastConfig;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.DateRange;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.marketdata.PriceStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast backtest}: the two-asset path of BacktesterTest, closes only, by hand 1000, 1000, 1500, 1500, 1120, 1120; stored runs. */
class BacktestCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path file() throws Exception {
    return Files.writeString(dir.resolve("p.csv"), "date,AAA,BBB\n2024-01-01,10,10\n2024-01-02,10,10\n2024-01-03,20,10\n"
        + "2024-01-04,20,10\n2024-01-05,10,10\n2024-01-06,10,10\n");
  }

  private String threshold() throws Exception {
    Run r = run("backtest", "--strategy", "threshold", "--prices", file().toString(), "--from", "2024-01-01", "--to", "2024-01-06",
        "--initial", "1000", "--currency", "USD", "--param", "band=10", "--param", "lot=1", "--param", "schedule=daily",
        "--param", "benchmark=AAA", "--data", dir.toString(), "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals("1120", n.get("values").get(5).get("value").asText());
    // beside the target weights never rebalanced: 100 AAA bought at the first close of 10, ending at 10
    assertEquals("buy and hold AAA", n.get("benchmarks").get(1).get("name").asText());
    assertEquals("2000", n.get("benchmarks").get(1).get("values").get(2).asText());
    assertEquals(6, n.get("metrics").get("trades").asInt());
    return n.get("run").asText();
  }

  @Test
  void aThresholdRunIsTheHandComputationAndIsStoredListedShownExportedComparedAndMadeAgain() throws Exception {
    String id = threshold();
    Run list = run("backtest", "list", "--data", dir.toString());
    assertEquals(0, list.exit(), list.err());
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith(id) && l.contains("DONE") && l.contains("1120 USD")), list.out());

    Run show = run("backtest", "show", id, "--data", dir.toString());
    assertEquals(0, show.exit(), show.err());
    assertTrue(show.out().contains("end value 1120 USD  trades 6"), show.out());
    assertTrue(show.out().contains("param band=10"), show.out());

    Path out = dir.resolve("out");
    Run export = run("backtest", "export", id, "--out", out.toString(), "--data", dir.toString());
    assertEquals(0, export.exit(), export.err());
    assertEquals(List.of("date,value", "2024-01-01,1000", "2024-01-02,1000", "2024-01-03,1500", "2024-01-04,1500", "2024-01-05,1120",
        "2024-01-06,1120"), Files.readAllLines(out.resolve(id + "-values.csv")));
    List<String> trades = Files.readAllLines(out.resolve(id + "-trades.csv"));
    assertEquals(7, trades.size());
    assertEquals("2024-01-04,bt-2024-01-03/1,AAA,SELL,12,20,240,0", trades.get(3));
    // daily over six closes: six decisions, each with its inputs
    List<String> decided = Files.readAllLines(out.resolve(id + "-decisions.csv"));
    assertEquals(7, decided.size(), String.join("\n", decided));
    assertTrue(decided.get(3).startsWith("3,bt-2024-01-03,2024-01-03,2024-01-04T00:00:00Z,threshold-rebalancing,"), decided.get(3));

    Run page = run("backtest", "decisions", id, "--offset", "2", "--limit", "2", "--data", dir.toString());
    assertEquals(0, page.exit(), page.err());
    assertTrue(page.out().startsWith("decisions 3 to 4 of 6"), page.out());
    assertTrue(page.out().lines().anyMatch(l -> l.startsWith("3 ") && l.contains("bt-2024-01-03") && l.contains("2024-01-03")), page.out());
    // the close of 20 doubled AAA: the decision on it sells AAA back toward half
    assertTrue(page.out().lines().anyMatch(l -> l.trim().startsWith("SELL ") && l.contains("AAA") && l.contains("(bt-2024-01-03/1)")), page.out());
    assertTrue(page.out().lines().noneMatch(l -> l.startsWith("5 ")), page.out());
    Run pageJson = run("backtest", "decisions", id, "--limit", "1", "--json", "--data", dir.toString());
    assertEquals(0, pageJson.exit(), pageJson.err());
    JsonNode firstDecision = new ObjectMapper().readTree(pageJson.out());
    assertEquals(6, firstDecision.get("total").asInt());
    assertEquals(1, firstDecision.get("items").size());
    JsonNode held = firstDecision.get("items").get(0).get("decided").get("inputs").get("holdings");
    assertEquals(1, held.size(), held.toString());
    assertEquals("USD", held.get(0).get("asset").asText());
    assertEquals(2, run("backtest", "decisions", id, "--limit", "0", "--data", dir.toString()).exit());

    Run rerun = run("backtest", "rerun", id, "--data", dir.toString());
    assertEquals(0, rerun.exit(), rerun.err());
    assertTrue(rerun.out().contains("re-run of " + id + ": identical"), rerun.out());
    String second = rerun.out().split("\\s+")[1];

    Run c = run("backtest", "compare", id, second, "--data", dir.toString());
    assertEquals(0, c.exit(), c.err());
    assertTrue(c.out().lines().anyMatch(l -> l.startsWith("endValue") && l.split("\\s+").length == 3 && l.contains("1120")), c.out());

    Run missing = run("backtest", "show", "bt-none", "--data", dir.toString());
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("bt-none"), missing.err());
  }

  @Test
  void aRunFromThePriceStoreReadsItsBarsSplitsAndDividends() throws Exception {
    InstrumentId aaa = InstrumentId.of("AAA", "USD");
    try (Database database = Database.open(BallastConfig.database(BallastConfig.local(BallastConfig.load(null, dir, null))))) {
      database.migrate();
      List<DailyBar> bars = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        LocalDate d = LocalDate.of(2024, 1, 1).plusDays(i);
        Price c = new Price(new BigDecimal("5"), aaa.quote());
        bars.add(new DailyBar(d, new OhlcBar(aaa, BarInterval.ONE_DAY, d.atStartOfDay(ZoneOffset.UTC).toInstant(), c, c, c, c, Quantity.of("1")), c));
      }
      // Yahoo's bars adjusted for the 2:1 split of day 3: traded at 10, 10, 5, 5; 0.25 a unit ex day 4
      new PriceStore(database).save("yahoo", new DailyHistory(aaa, bars, List.of(
          new CorporateAction.Split(aaa, LocalDate.of(2024, 1, 3), BigDecimal.valueOf(2), BigDecimal.ONE, "s"),
          new CorporateAction.Dividend(aaa, LocalDate.of(2024, 1, 4), Price.of("0.25", "USD"), "d"))),
          new DateRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 4)), Instant.parse("2024-02-01T00:00:00Z"));
    }
    Run r = run("backtest", "--strategy", "threshold", "--store", "--from", "2024-01-01", "--to", "2024-01-04", "--initial", "1000",
        "--currency", "USD", "--param", "weight.AAA=100", "--param", "lot=1", "--param", "schedule=daily", "--data", dir.toString(), "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    List<String> values = new ArrayList<>();
    n.get("values").forEach(v -> values.add(v.get("value").asText()));
    assertEquals(List.of("1000", "1000", "1000", "1050"), values);
    assertEquals("split", n.get("applied").get(0).get("kind").asText());
    assertEquals("50", n.get("applied").get(1).get("cash").asText());

    Run none = run("backtest", "--strategy", "threshold", "--store", "--from", "2024-01-01", "--to", "2024-01-04", "--initial", "1000",
        "--currency", "USD", "--data", dir.toString());
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("weight.ASSET"), none.err());
  }

  @Test
  void aMonthlyDcaRunBuysEachMonthWithItsCarry() throws Exception {
    StringBuilder csv = new StringBuilder("date,AAA\n");
    for (LocalDate d = LocalDate.of(2024, 1, 1); d.isBefore(LocalDate.of(2024, 4, 1)); d = d.plusDays(1)) {
      csv.append(d).append(",8\n");
    }
    Path prices = Files.writeString(dir.resolve("dca.csv"), csv.toString());
    Run r = run("backtest", "--strategy", "dca", "--prices", prices.toString(), "--from", "2024-01-01", "--to", "2024-03-31",
        "--initial", "1200", "--currency", "USD", "--param", "lot=1", "--param", "dca.amount=100", "--param", "dca.period=P28D",
        "--data", dir.toString(), "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    // 100 -> 12 at 8 (carry 4), 104 -> 13, 100 -> 12: three buys
    assertEquals(3, n.get("metrics").get("trades").asInt());
    assertEquals(List.of("12", "13", "12"),
        java.util.stream.StreamSupport.stream(n.get("fills").spliterator(), false).map(f -> f.get("quantity").asText()).toList());
  }

  @Test
  void aSweepRunsEveryPointAndAWalkForwardRolls() throws Exception {
    Run r = run("backtest", "sweep", "--strategy", "threshold", "--prices", file().toString(), "--from", "2024-01-01", "--to", "2024-01-06",
        "--initial", "1000", "--currency", "USD", "--param", "lot=1", "--param", "schedule=daily", "--sweep", "band=10,50", "--rank", "twr",
        "--threads", "2", "--data", dir.toString());
    assertEquals(0, r.exit(), r.err());
    // band 10: the hand computation's 1120; band 50: never rebalanced, 1000
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("{band=10}") && l.contains("1120.00")), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("{band=50}") && l.contains("1000.00")), r.out());
    assertTrue(r.out().contains("best by twr: {band=10}  (2 runs on 2 threads"), r.out());

    Run wf = run("backtest", "walk-forward", "--strategy", "threshold", "--prices", file().toString(), "--from", "2024-01-01", "--to",
        "2024-01-06", "--initial", "1000", "--currency", "USD", "--param", "lot=1", "--param", "schedule=daily", "--sweep", "band=10,50",
        "--fit", "P3D", "--trade", "P2D", "--rank", "twr", "--data", dir.toString());
    assertEquals(0, wf.exit(), wf.err());
    // fit 1-3, trade 4-5; fit 3-5, trade 6 (cut at the end)
    assertTrue(wf.out().contains("2024-01-04..2024-01-05"), wf.out());
    assertTrue(wf.out().contains("2024-01-06..2024-01-06"), wf.out());
    assertTrue(wf.out().contains("chained over 2 windows"), wf.out());
  }

  @Test
  void anUnknownStrategyOrParameterIsNamedAndNothingIsStored() throws Exception {
    Run r = run("backtest", "--strategy", "martingale", "--prices", file().toString(), "--from", "2024-01-01", "--to", "2024-01-06",
        "--initial", "1000", "--currency", "USD", "--data", dir.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("martingale"), r.err());
    Run p = run("backtest", "--strategy", "threshold", "--prices", file().toString(), "--from", "2024-01-01", "--to", "2024-01-06",
        "--initial", "1000", "--currency", "USD", "--param", "dca.amount=x", "--data", dir.toString());
    assertEquals(2, p.exit());
    assertTrue(p.err().contains("dca.amount"), p.err());
    Run list = run("backtest", "list", "--data", dir.toString());
    assertEquals(1, list.out().lines().count(), list.out());
  }
}
