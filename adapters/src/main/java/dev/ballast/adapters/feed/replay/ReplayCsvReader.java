package dev.ballast.adapters.feed.replay;

import dev.ballast.adapters.FileFormatException;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.marketdata.live.ReplayQuotes;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the quotes a replay plays from CSV. Two layouts, told apart by the header (any column
 * order, case-insensitive): ticks {@code time,instrument[,bid][,ask][,last]} and bars
 * {@code time,instrument,open,high,low,close[,volume]} (each bar becomes its close at its end, see
 * {@link ReplayQuotes#fromBars}). {@code time} is an ISO instant or epoch milliseconds,
 * {@code instrument} is {@code BASE/QUOTE}, numbers are plain decimals. The whole file is read or
 * a {@link FileFormatException} names the line and field; nothing is returned half-read.
 */
public final class ReplayCsvReader {
  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();

  private final BarInterval barInterval;

  /** @param barInterval the length of the bars in a bar file */
  public ReplayCsvReader(BarInterval barInterval) {
    this.barInterval = barInterval;
  }

  public List<Quote> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.getFileName().toString());
    }
  }

  public List<Quote> read(Reader reader, String source) throws IOException {
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
      Map<String, Integer> columns = null;
      boolean bars = false;
      List<Quote> ticks = new ArrayList<>();
      List<OhlcBar> barRows = new ArrayList<>();
      var records = parser.iterator();
      while (true) {
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException e) {
          throw new FileFormatException(source, parser.getCurrentLineNumber(), null, "malformed CSV: " + e.getCause().getMessage());
        }
        long line = parser.getCurrentLineNumber();
        if (columns == null) {
          columns = new HashMap<>();
          for (int i = 0; i < record.size(); i++) {
            columns.put(record.get(i).toLowerCase(Locale.ROOT), i);
          }
          for (String required : List.of("time", "instrument")) {
            if (!columns.containsKey(required)) {
              throw new FileFormatException(source, line, required, "missing column; header must name time and instrument");
            }
          }
          bars = columns.containsKey("close");
          if (!bars && !columns.containsKey("bid") && !columns.containsKey("ask") && !columns.containsKey("last")) {
            throw new FileFormatException(source, line, null, "header names no prices: expected bid, ask, last or open,high,low,close");
          }
          continue;
        }
        Row row = new Row(record, columns, source, line);
        try {
          InstrumentId instrument = row.instrument();
          Instant time = row.time();
          if (bars) {
            barRows.add(new OhlcBar(instrument, barInterval, time, row.price("open", instrument, true), row.price("high", instrument, true),
                row.price("low", instrument, true), row.price("close", instrument, true), row.volume()));
          } else {
            ticks.add(new Quote(instrument, row.price("bid", instrument, false), row.price("ask", instrument, false),
                row.price("last", instrument, false), time));
          }
        } catch (FileFormatException e) {
          throw e;
        } catch (IllegalArgumentException e) {
          // the engine's values refuse what is inconsistent (bid above ask, high below close)
          throw new FileFormatException(source, line, null, e.getMessage());
        }
      }
      if (columns == null) {
        throw new FileFormatException(source, 1, null, "empty file, expected a header");
      }
      if (bars) {
        return ReplayQuotes.fromBars(barRows);
      }
      ticks.sort(java.util.Comparator.comparing(Quote::time));
      return ticks;
    }
  }

  private record Row(CSVRecord record, Map<String, Integer> columns, String source, long line) {
    String cell(String field) {
      Integer index = columns.get(field);
      return index == null || index >= record.size() ? "" : record.get(index);
    }

    InstrumentId instrument() {
      try {
        return InstrumentId.parse(cell("instrument"));
      } catch (IllegalArgumentException e) {
        throw new FileFormatException(source, line, "instrument", e.getMessage());
      }
    }

    Instant time() {
      String text = cell("time");
      try {
        return text.chars().allMatch(Character::isDigit) && !text.isEmpty() ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
      } catch (DateTimeParseException | NumberFormatException e) {
        throw new FileFormatException(source, line, "time", "not an ISO instant or epoch milliseconds: \"" + text + "\"");
      }
    }

    Price price(String field, InstrumentId instrument, boolean required) {
      String text = cell(field);
      if (text.isEmpty()) {
        if (required) {
          throw new FileFormatException(source, line, field, "missing");
        }
        return null;
      }
      return new Price(number(field, text), instrument.quote());
    }

    Quantity volume() {
      String text = cell("volume");
      return text.isEmpty() ? null : new Quantity(number("volume", text));
    }

    private BigDecimal number(String field, String text) {
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new FileFormatException(source, line, field, "not a decimal number: \"" + text + "\"");
      }
    }
  }
}
