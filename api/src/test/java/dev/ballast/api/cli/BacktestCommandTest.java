package dev.ballast.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast backtest}: the two-asset path of BacktesterTest, closes only, by hand 1000, 1000, 1500, 1500, 1120, 1120. */
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

  @Test
  void aThresholdRunIsTheHandComputationAndIsStored() throws Exception {
    Run r = run("backtest", "--strategy", "threshold", "--prices", file().toString(), "--from", "2024-01-01", "--to", "2024-01-06",
        "--initial", "1000", "--currency", "USD", "--param", "band=10", "--param", "lot=1", "--param", "schedule=daily",
        "--data-dir", dir.toString(), "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals("1120", n.get("values").get(5).get("value").asText());
    assertEquals(6, n.get("metrics").get("trades").asInt());
    Path stored = Path.of(n.get("run").asText());
    assertTrue(Files.exists(stored));
    assertEquals("threshold-rebalancing", new ObjectMapper().readTree(stored.toFile()).get("config").get("policy").asText());
    Run c = run("backtest", "compare", stored.toString(), stored.toString());
    assertEquals(0, c.exit(), c.err());
    assertTrue(c.out().lines().anyMatch(l -> l.startsWith("endValue") && l.split("\\s+").length == 3 && l.contains("1120")), c.out());
  }

  @Test
  void aMonthlyDcaRunBuysEachMonthWithItsCarry() throws Exception {
    StringBuilder csv = new StringBuilder("date,AAA\n");
    for (java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 1); d.isBefore(java.time.LocalDate.of(2024, 4, 1)); d = d.plusDays(1)) {
      csv.append(d).append(",8\n");
    }
    Path prices = Files.writeString(dir.resolve("dca.csv"), csv.toString());
    Run r = run("backtest", "--strategy", "dca", "--prices", prices.toString(), "--from", "2024-01-01", "--to", "2024-03-31",
        "--initial", "1200", "--currency", "USD", "--param", "lot=1", "--param", "dca.amount=100", "--param", "dca.period=P28D",
        "--data-dir", dir.toString(), "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    // 100 -> 12 at 8 (carry 4), 104 -> 13, 100 -> 12: three buys
    assertEquals(3, n.get("metrics").get("trades").asInt());
    assertEquals(java.util.List.of("12", "13", "12"),
        java.util.stream.StreamSupport.stream(n.get("fills").spliterator(), false).map(f -> f.get("quantity").asText()).toList());
  }

  @Test
  void anUnknownStrategyIsNamed() throws Exception {
    Run r = run("backtest", "--strategy", "martingale", "--prices", file().toString(), "--from", "2024-01-01", "--to", "2024-01-06",
        "--initial", "1000", "--currency", "USD", "--data-dir", dir.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("martingale"), r.err());
  }
}
