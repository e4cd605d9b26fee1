package dev.ballast.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast optimize}: weights from a price file, infeasible bounds, and bad CSV named by line and field. */
class OptimizeCommandTest {

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  static final double[][] PRICES = {{100, 50}, {101, 50.1}, {99, 50.2}, {100.5, 50.05}, {102, 50.3}, {100, 50.25}, {101.5, 50.4}};

  private Path prices() throws IOException {
    StringBuilder csv = new StringBuilder("date,X,Y\n");
    for (int t = 0; t < PRICES.length; t++) {
      csv.append("2026-01-0").append(t + 1).append(',').append(PRICES[t][0]).append(',').append(PRICES[t][1]).append('\n');
    }
    return Files.writeString(dir.resolve("prices.csv"), csv);
  }

  /** The two-asset minimum-variance weight of X, {@code (s_yy - s_xy) / (s_xx + s_yy - 2 s_xy)}, from the file's returns. */
  private static double closedFormX() {
    int n = PRICES.length - 1;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int t = 1; t < PRICES.length; t++) {
      x[t - 1] = PRICES[t][0] / PRICES[t - 1][0] - 1;
      y[t - 1] = PRICES[t][1] / PRICES[t - 1][1] - 1;
    }
    double mx = java.util.Arrays.stream(x).average().orElseThrow();
    double my = java.util.Arrays.stream(y).average().orElseThrow();
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    return (syy - sxy) / (sxx + syy - 2 * sxy);
  }

  @Test
  void minVolatilityPrintsTheClosedFormWeights() throws Exception {
    // wide bounds: the closed form is the unconstrained optimum, which here shorts a little X
    Run r = run("optimize", "--prices", prices().toString(), "--objective", "min-volatility", "--bounds", "X=-1:2", "--bounds", "Y=-1:2", "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode node = new ObjectMapper().readTree(r.out());
    assertEquals("optimal", node.get("status").asText());
    assertEquals("X", node.get("weights").get(0).get("asset").asText());
    assertEquals(closedFormX(), node.get("weights").get(0).get("weight").asDouble(), 1e-7);
    assertEquals(1 - closedFormX(), node.get("weights").get(1).get("weight").asDouble(), 1e-7);
  }

  @Test
  void boundsBindInTheTable() throws Exception {
    Run r = run("optimize", "--prices", prices().toString(), "--objective", "min-volatility", "--bounds", "X=0.3:0.6");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.matches("X\\s+30\\.0000%.*")), r.out());
  }

  @Test
  void infeasibleBoundsNameTheConstraint() throws Exception {
    Run r = run("optimize", "--prices", prices().toString(), "--objective", "max-sharpe", "--bounds", "X=0.6:1", "--bounds", "Y=0.5:1");
    assertEquals(3, r.exit());
    assertTrue(r.err().contains("infeasible: sum of minimums"), r.err());
  }

  @Test
  void aBadPriceNamesTheFileLineAndColumn() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "date,X,Y\n2026-01-01,1,2\n2026-01-02,1.1,abc\n2026-01-03,1,2\n");
    Run r = run("optimize", "--prices", bad.toString(), "--objective", "risk-parity");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains(bad + ":3: Y: 'abc' is not a number"), r.err());
  }

  @Test
  void anUnknownObjectiveListsTheKnownOnes() throws Exception {
    Run r = run("optimize", "--prices", prices().toString(), "--objective", "max-return");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("min-volatility, mean-variance, max-sharpe, risk-parity, dro-cvar"), r.err());
  }
}
