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
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ballast signal momentum}: one close per month end, Jan 2025 .. Jan 2026, then a row in
 * Feb 2026 after the as-of date. By hand, as of 2026-01-31: X 100 to 111 (+11%), Y 100 to 89
 * (-11%), Z 100 to 122 (+22%); top 2: Z then X. With 10 Y at 90 and 1,000 cash (1,900): sell 10 Y,
 * buy floor(950 / 123) = 7 Z and floor(950 / 112) = 8 X.
 */
class SignalCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path file() throws IOException {
    StringBuilder csv = new StringBuilder("date,X,Y,Z\n");
    for (int i = 0; i < 12; i++) {
      YearMonth m = YearMonth.of(2025, 1).plusMonths(i);
      csv.append(m.atEndOfMonth()).append(',').append(100 + i).append(',').append(100 - i).append(',').append(100 + 2 * i).append('\n');
    }
    csv.append("2026-01-30,112,90,123\n");
    csv.append("2026-02-27,1,1000,1\n");
    return Files.writeString(dir.resolve("closes.csv"), csv);
  }

  @Test
  void theReportIsTheHandComputation() throws Exception {
    Run r = run("signal", "momentum", "--prices", file().toString(), "--as-of", "2026-01-31", "--top", "2",
        "--holding", "Y=10", "--cash", "1000", "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals("2025-01", n.get("score_from").asText());
    assertEquals("2025-12", n.get("score_to").asText());
    assertEquals("Z", n.get("ranking").get(0).get("asset").asText());
    assertEquals(0.22, n.get("ranking").get(0).get("score").asDouble(), 1e-12);
    assertEquals("X", n.get("ranking").get(1).get("asset").asText());
    assertEquals(-0.11, n.get("ranking").get(2).get("score").asDouble(), 1e-12);
    assertEquals("[\"Z\",\"X\"]", n.get("selected").toString());
    assertEquals("sell Y 10,buy Z 7,buy X 8", String.join(",", java.util.stream.StreamSupport.stream(n.get("trades").spliterator(), false)
        .map(t -> t.get("side").asText() + " " + t.get("asset").asText() + " " + t.get("shares").asText()).toList()));
  }

  @Test
  void theTableListsRankingAndTrades() throws Exception {
    Run r = run("signal", "momentum", "--prices", file().toString(), "--as-of", "2026-01-31", "--top", "2", "--holding", "Y=10", "--cash", "1000");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("selected: Z, X at 0.500000 each"), r.out());
    assertTrue(r.out().contains("sell 10 Y at 90 = 900"), r.out());
  }

  @Test
  void aHoldingOutsideTheFileIsNamed() throws Exception {
    Run r = run("signal", "momentum", "--prices", file().toString(), "--holding", "Q=1");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--holding Q: not a column"), r.err());
  }
}
