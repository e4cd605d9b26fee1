package dev.ballast.engine.analytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.analytics.Fixtures;
import dev.ballast.engine.analytics.performance.Frequency;
import dev.ballast.engine.analytics.risk.RiskFreeRate;
import dev.ballast.engine.analytics.series.ValuationHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SeriesReportTest {

    private static final ReportSettings SETTINGS = new ReportSettings(252, RiskFreeRate.annual(0.02), 0.80, 5);

    private static SeriesReport reportA() {
        return SeriesReport.of(Fixtures.history(Fixtures.JAN_1_2024, Fixtures.SERIES_A, new double[12]), SETTINGS);
    }

    @Test
    void seriesAMatchesTheReferenceValues() {
        var m = reportA().metrics();
        assertEquals(12, m.get("observations"));
        assertEquals("2024-01-01", m.get("start_date"));
        assertEquals("2024-01-12", m.get("end_date"));
        for (String key : List.of("cagr", "annualized_volatility", "downside_deviation", "sharpe_ratio", "sortino_ratio",
                "calmar_ratio", "max_drawdown")) {
            double expected = Fixtures.reference("a." + key);
            assertEquals(expected, (Double) m.get(key), 1e-9 * Math.max(1, Math.abs(expected)), key);
        }
        assertEquals(Fixtures.reference("a.historical_var_80"), (Double) m.get("historical_var"), 1e-12);
        assertEquals(Fixtures.reference("a.historical_cvar_80"), (Double) m.get("historical_cvar"), 1e-12);
        assertEquals(0.1, (Double) m.get("time_weighted_return"), 1e-12);
        assertEquals(0, new java.math.BigDecimal("10").compareTo(new java.math.BigDecimal((String) m.get("absolute_gain"))));
        assertEquals("2024-01-04", m.get("max_drawdown_peak"));
        assertEquals("2024-01-09", m.get("max_drawdown_recovery"));
        assertEquals(5L, m.get("max_drawdown_duration_days"));
        // without flows the money-weighted return is the CAGR
        assertEquals((Double) m.get("cagr"), (Double) m.get("money_weighted_return"), 1e-9 * (Double) m.get("cagr"));
        assertEquals(Fixtures.reference("a.rolling_volatility_5_last"), reportA().rollingVolatility()[10], 1e-12);
        assertEquals(1, reportA().periodReturns().get(Frequency.MONTH).size());
        assertEquals(11, reportA().periodReturns().get(Frequency.DAY).size());
    }

    @Test
    void anEmptyHistoryGivesNullsNotExceptions() {
        var m = SeriesReport.of(ValuationHistory.of(List.of()), ReportSettings.defaults(365)).metrics();
        assertEquals(0, m.get("observations"));
        for (String key : List.of("start_date", "time_weighted_return", "cagr", "money_weighted_return", "absolute_gain",
                "annualized_volatility", "sharpe_ratio", "max_drawdown", "max_drawdown_peak", "historical_var")) {
            assertTrue(m.containsKey(key), key);
            assertNull(m.get(key), key);
        }
    }

    @Test
    void aOnePointHistoryHasZeroReturnAndUndefinedRisk() {
        var m = SeriesReport.of(ValuationHistory.of(List.of(Fixtures.valuation("2024-01-01", "100"))), ReportSettings.defaults(365)).metrics();
        assertEquals(0.0, m.get("time_weighted_return"));
        assertEquals("0", m.get("absolute_gain"));
        assertEquals(0.0, m.get("max_drawdown"));
        assertNull(m.get("cagr"));
        assertNull(m.get("annualized_volatility"));
        assertNull(m.get("historical_var"));
    }

    @Test
    void everyMetricNameIsDefinedInTheDocs() throws IOException {
        String docs = Files.readString(metricsDoc());
        for (String key : reportA().metrics().keySet()) {
            assertTrue(docs.contains("`" + key + "`"), "docs/metrics.md does not define `" + key + "`");
        }
    }

    @Test
    void everyDefinitionNamedInTheCodeExistsInTheDocs() throws IOException {
        Set<String> anchors = new TreeSet<>();
        for (String line : Files.readAllLines(metricsDoc())) {
            if (line.startsWith("## ")) {
                anchors.add(line.substring(3).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
            }
        }
        Pattern ref = Pattern.compile("docs/metrics\\.md#([a-z0-9-]+)");
        Path main = metricsDoc().getParent().getParent().resolve("engine/src/main/java/dev/ballast/engine/analytics");
        Set<String> referenced = new TreeSet<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = ref.matcher(Files.readString(file));
                while (m.find()) {
                    referenced.add(m.group(1));
                    assertTrue(anchors.contains(m.group(1)), file.getFileName() + " names docs/metrics.md#" + m.group(1) + ", which has no section");
                }
            }
        }
        assertTrue(referenced.size() > 30, "expected the analytics code to name its definitions, found " + referenced);
    }

    private static Path metricsDoc() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/metrics.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docs/metrics.md not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/metrics.md");
    }
}
