package dev.ballast.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code ballast metrics --series}. The file metrics/series.csv holds 100, 110, 99, 121 on four
 * consecutive days without flows; by hand:
 * TWR = 121 / 100 - 1 = 0.21 (1.1 x 0.9 x 1.2222... = 1.21);
 * max drawdown = 1 - 99 / 110 = 0.1, peak 2024-01-02, trough 2024-01-03, recovered 2024-01-04;
 * absolute gain = 121 - 100 = 21.
 */
class MetricsCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String resource(String name) {
        try {
            return Path.of(MetricsCommandTest.class.getResource("/metrics/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void jsonHasTheDocumentedNamesAndTheHandComputedValues() throws Exception {
        Run r = run("metrics", "--series", resource("series.csv"), "--json");

        assertEquals(0, r.exit(), r.err());
        JsonNode m = new ObjectMapper().readTree(r.out());
        assertEquals(4, m.get("observations").asInt());
        assertEquals(365, m.get("periods_per_year").asInt());
        assertEquals(0.21, m.get("time_weighted_return").asDouble(), 1e-12);
        assertEquals(0.1, m.get("max_drawdown").asDouble(), 1e-12);
        assertEquals("2024-01-02", m.get("max_drawdown_peak").asText());
        assertEquals("2024-01-03", m.get("max_drawdown_trough").asText());
        assertEquals("2024-01-04", m.get("max_drawdown_recovery").asText());
        assertEquals(0, new java.math.BigDecimal("21").compareTo(new java.math.BigDecimal(m.get("absolute_gain").asText())), m.get("absolute_gain").asText()); // amounts are exact decimal text
    }

    @Test
    void theTableNamesEachMetricOnItsOwnLine() {
        Run r = run("metrics", "--series", resource("series.csv"), "--periods-per-year", "252");

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("time_weighted_return\\s+0\\.21")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("periods_per_year\\s+252")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("max_drawdown_duration_days\\s+\\d+")), r.out());
    }

    @Test
    void aBadValueIsReportedWithFileLineAndFieldAndExitCode2() {
        Run r = run("metrics", "--series", resource("bad-value.csv"));

        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad-value.csv line 3, field value: not a number: \"abc\""), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aMissingFileIsBadInput() {
        Run r = run("metrics", "--series", "/nonexistent/series.csv");

        assertEquals(2, r.exit());
        assertTrue(r.err().contains("/nonexistent/series.csv: no such file"), r.err());
    }

    @Test
    void accountOptionsDoNotApplyToASeries() {
        Run r = run("metrics", "--series", resource("series.csv"), "--price", "BTC=1");

        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--price applies to --account only"), r.err());
    }

    @Test
    void aBadCostMethodIsBadInputNamingTheOptionBeforeAnyServerIsAsked() {
        // no server listens on port 1: the method is checked before the request
        Run r = run("metrics", "--account", "acc-1", "--url", "http://127.0.0.1:1", "--token", "t", "--method", "lifo");

        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--method: expected fifo, average or total-average, got \"lifo\""), r.err());
        assertEquals("", r.out());
    }

    @Test
    void theCostMethodDoesNotApplyToASeries() {
        Run r = run("metrics", "--series", resource("series.csv"), "--method", "average");

        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--method applies to --account only"), r.err());
    }
}
