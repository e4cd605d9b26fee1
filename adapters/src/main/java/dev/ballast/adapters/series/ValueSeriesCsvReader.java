package dev.ballast.adapters.series;

import dev.ballast.engine.analytics.series.Valuation;
import dev.ballast.engine.analytics.series.ValuationHistory;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a value series exported from elsewhere: a CSV file with the header {@code date,value} or
 * {@code date,value,flow} (any order, case-insensitive), ISO dates ({@code 2024-03-05}) in strictly
 * increasing order, plain decimal numbers with a dot ({@code 1234.56}), values not negative, flows
 * signed (deposit positive, withdrawal negative, empty for none). Flows happen at the end of their
 * day (docs/metrics.md#flow-timing). Anything else is rejected with a
 * {@link ValueSeriesFormatException} naming the file, the line and the field; nothing is returned
 * half-read.
 */
public final class ValueSeriesCsvReader {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(false)
            .setTrim(true)
            .get();

    /** Reads the file; its name appears in error messages. */
    public ValuationHistory read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.getFileName().toString());
        }
    }

    /** Reads CSV text; {@code source} names it in error messages. */
    public ValuationHistory read(Reader reader, String source) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            int dateColumn = -1;
            int valueColumn = -1;
            int flowColumn = -1;
            int columns = 0;
            List<Valuation> valuations = new ArrayList<>();
            long previousLine = 0;
            var records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (java.io.UncheckedIOException e) {
                    // commons-csv reports malformed quoting as an I/O error
                    throw new ValueSeriesFormatException(source, parser.getCurrentLineNumber(), null, "malformed CSV: " + e.getCause().getMessage());
                }
                long line = record.getRecordNumber();
                if (line == 1) {
                    columns = record.size();
                    for (int i = 0; i < record.size(); i++) {
                        String name = record.get(i).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
                        switch (name) {
                            case "date" -> dateColumn = duplicate(dateColumn, i, source, name);
                            case "value" -> valueColumn = duplicate(valueColumn, i, source, name);
                            case "flow" -> flowColumn = duplicate(flowColumn, i, source, name);
                            default -> throw new ValueSeriesFormatException(source, 1, null,
                                    "unknown column \"" + record.get(i) + "\", expected date,value[,flow]");
                        }
                    }
                    if (dateColumn < 0 || valueColumn < 0) {
                        throw new ValueSeriesFormatException(source, 1, null, "header must name the columns date and value (and optionally flow)");
                    }
                    continue;
                }
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (record.size() != columns) {
                    throw new ValueSeriesFormatException(source, line, null, record.size() + " fields, expected " + columns);
                }
                LocalDate date = date(record.get(dateColumn), source, line);
                BigDecimal value = decimal(record.get(valueColumn), source, line, "value", false);
                if (value.signum() < 0) {
                    throw new ValueSeriesFormatException(source, line, "value", "negative: " + value.toPlainString());
                }
                BigDecimal flow = flowColumn < 0 ? BigDecimal.ZERO : decimal(record.get(flowColumn), source, line, "flow", true);
                if (!valuations.isEmpty()) {
                    LocalDate before = valuations.get(valuations.size() - 1).date();
                    if (!date.isAfter(before)) {
                        throw new ValueSeriesFormatException(source, line, "date",
                                date + " is not after " + before + " (line " + previousLine + ")");
                    }
                }
                valuations.add(new Valuation(date, value, flow));
                previousLine = line;
            }
            if (dateColumn < 0) {
                throw new ValueSeriesFormatException(source, 1, null, "empty file, expected the header date,value[,flow]");
            }
            return ValuationHistory.of(valuations);
        }
    }

    private static int duplicate(int existing, int index, String source, String name) {
        if (existing >= 0) {
            throw new ValueSeriesFormatException(source, 1, null, "column " + name + " appears twice");
        }
        return index;
    }

    private static LocalDate date(String text, String source, long line) {
        if (text.isEmpty()) {
            throw new ValueSeriesFormatException(source, line, "date", "missing");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ValueSeriesFormatException(source, line, "date", "not an ISO date (yyyy-mm-dd): \"" + text + "\"");
        }
    }

    private static BigDecimal decimal(String text, String source, long line, String field, boolean emptyIsZero) {
        if (text.isEmpty()) {
            if (emptyIsZero) {
                return BigDecimal.ZERO;
            }
            throw new ValueSeriesFormatException(source, line, field, "missing");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new ValueSeriesFormatException(source, line, field, "not a number: \"" + text + "\"");
        }
        return new BigDecimal(text);
    }
}
