package dev.ballast.adapters.valuation.csv;

import dev.ballast.adapters.FileFormatException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ballast.engine.analytics.series.Valuation;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueSeriesCsvReaderTest {

    private final ValueSeriesCsvReader reader = new ValueSeriesCsvReader();

    private String error(String csv) {
        return assertThrows(FileFormatException.class, () -> reader.read(new StringReader(csv), "prices.csv")).getMessage();
    }

    @Test
    void readsDateAndValue() throws IOException {
        var history = reader.read(new StringReader("date,value\n2024-01-01,100.50\n2024-01-02,101\n"), "prices.csv");
        assertEquals(2, history.size());
        assertEquals(new Valuation(LocalDate.of(2024, 1, 1), new BigDecimal("100.50"), BigDecimal.ZERO), history.valuations().get(0));
        assertArrayEquals(new double[] {100.5, 101}, history.series().values());
    }

    @Test
    void readsFlowsInAnyColumnOrderWithBlankCellsAsZero() throws IOException {
        String csv = "Flow, Date ,VALUE\n,2024-01-01,100\n50,2024-01-02,160\n-20.25,2024-01-03,132\n\n";
        var history = reader.read(new StringReader(csv), "p.csv");
        assertEquals(3, history.size());
        assertEquals(0, BigDecimal.ZERO.compareTo(history.valuations().get(0).flow()));
        assertEquals(new BigDecimal("50"), history.valuations().get(1).flow());
        assertEquals(new BigDecimal("-20.25"), history.valuations().get(2).flow());
    }

    @Test
    void readsAFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("export.csv");
        Files.writeString(file, "\uFEFFdate,value\n2024-01-01,1\n2024-01-02,abc\n");
        var e = assertThrows(FileFormatException.class, () -> reader.read(file));
        assertEquals("export.csv line 3, field value: not a number: \"abc\"", e.getMessage());
        assertEquals("export.csv", e.file());
        assertEquals(3, e.line());
        assertEquals("value", e.field());
    }

    @Test
    void notANumberNamesFileLineAndField() {
        String csv = "date,value\n2024-01-01,1\n2024-01-02,2\n2024-01-03,3\n2024-01-04,4\n2024-01-05,5\n2024-01-06,abc\n";
        assertEquals("prices.csv line 7, field value: not a number: \"abc\"", error(csv));
    }

    @Test
    void numbersMustBePlainDecimals() {
        assertEquals("prices.csv line 2, field value: not a number: \"1,5\"", error("date,value\n2024-01-01,\"1,5\"\n"));
        assertEquals("prices.csv line 2, field value: not a number: \"1e3\"", error("date,value\n2024-01-01,1e3\n"));
        assertEquals("prices.csv line 2, field flow: not a number: \"NaN\"", error("date,value,flow\n2024-01-01,1,NaN\n"));
    }

    @Test
    void negativeValueIsRejected() {
        assertEquals("prices.csv line 3, field value: negative: -5", error("date,value\n2024-01-01,1\n2024-01-02,-5\n"));
    }

    @Test
    void missingValueIsRejected() {
        assertEquals("prices.csv line 2, field value: missing", error("date,value\n2024-01-01,\n"));
    }

    @Test
    void badDateIsRejected() {
        assertEquals("prices.csv line 2, field date: not an ISO date (yyyy-mm-dd): \"01/02/2024\"", error("date,value\n01/02/2024,1\n"));
        assertEquals("prices.csv line 2, field date: not an ISO date (yyyy-mm-dd): \"2024-02-30\"", error("date,value\n2024-02-30,1\n"));
    }

    @Test
    void datesMustIncrease() {
        assertEquals("prices.csv line 4, field date: 2024-01-02 is not after 2024-01-02 (line 3)",
                error("date,value\n2024-01-01,1\n2024-01-02,1\n2024-01-02,1\n"));
    }

    @Test
    void lineNumbersCountBlankLines() {
        assertEquals("prices.csv line 4, field value: not a number: \"x\"", error("date,value\n2024-01-01,1\n\n2024-01-03,x\n"));
    }

    @Test
    void headerMustNameDateAndValue() {
        assertEquals("prices.csv line 1: unknown column \"price\", expected date,value[,flow]", error("date,price\n2024-01-01,1\n"));
        assertEquals("prices.csv line 1: header must name the columns date and value (and optionally flow)", error("date\n2024-01-01\n"));
        assertEquals("prices.csv line 1: empty file, expected the header date,value[,flow]", error(""));
    }

    @Test
    void wrongNumberOfFieldsIsRejected() {
        assertEquals("prices.csv line 2: 3 fields, expected 2", error("date,value\n2024-01-01,1,2\n"));
    }

    @Test
    void aHeaderOnlyFileIsAnEmptyHistory() throws IOException {
        assertEquals(0, reader.read(new StringReader("date,value\n"), "x.csv").size());
    }
}
