package dev.ballast.adapters.valuation.csv;

import dev.ballast.adapters.FileFormatException;
import dev.ballast.engine.analytics.series.Valuation;
import dev.ballast.engine.analytics.series.ValuationHistory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a value series exported from elsewhere: a CSV file with the header {@code date,value} or
 * {@code date,value,flow} (any order, case-insensitive), ISO dates ({@code 2024-03-05}) in strictly
 * increasing order, plain decimal numbers with a dot ({@code 1234.56}), values not negative, flows
 * signed (deposit positive, withdrawal negative, empty for none). Flows happen at the end of their
 * day (docs/metrics.md#flow-timing). Anything else is rejected with a
 * {@link FileFormatException} naming the file, the line and the field; nothing is returned
 * half-read. The I/O half; {@link ValueSeriesMapping} holds the pure mapping.
 */
public final class ValueSeriesCsvReader {

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
            ValueSeriesColumns columns = null;
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
                    throw new FileFormatException(source, parser.getCurrentLineNumber(), null, "malformed CSV: " + e.getCause().getMessage());
                }
                long line = record.getRecordNumber();
                if (line == 1) {
                    columns = ValueSeriesMapping.columns(record.toList(), source);
                    continue;
                }
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue; // a blank line
                }
                Valuation valuation = ValueSeriesMapping.valuation(ValueSeriesMapping.row(line, record.toList(), columns, source), source);
                if (!valuations.isEmpty()) {
                    LocalDate before = valuations.get(valuations.size() - 1).date();
                    if (!valuation.date().isAfter(before)) {
                        throw new FileFormatException(source, line, "date",
                                valuation.date() + " is not after " + before + " (line " + previousLine + ")");
                    }
                }
                valuations.add(valuation);
                previousLine = line;
            }
            if (columns == null) {
                throw new FileFormatException(source, 1, null, "empty file, expected the header date,value[,flow]");
            }
            return ValuationHistory.of(valuations);
        }
    }
}
