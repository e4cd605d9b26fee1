package dev.ballast.adapters.marketdata.manual;

import dev.ballast.adapters.FileFormatException;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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
 * Reads prices or NAVs of an asset no source covers from a CSV file with a header: a date column
 * ({@code date}, 基準日, 日付) and a price column ({@code price}, {@code nav}, {@code close},
 * 基準価額, 基準価額(円)); other columns are ignored. A Japanese fund's 基準価額 is quoted per
 * 10,000 units: with {@code perUnits} 10000 the price of one unit is NAV / 10,000. The whole file
 * is read before anything is returned, so a bad line rejects the file.
 */
public final class ManualPriceCsvReader {
  private static final List<String> DATE_NAMES = List.of("date", "基準日", "日付");
  private static final List<String> PRICE_NAMES = List.of("price", "nav", "close", "基準価額", "基準価額(円)", "基準価額（円）");
  private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("uuuu/M/d"),
      DateTimeFormatter.ofPattern("uuuu年M月d日"), DateTimeFormatter.ofPattern("uuuuMMdd"));

  /**
   * @param file the file's name, for the errors
   * @param perUnits how many units the file's prices are quoted for (1, or 10000 for a 基準価額)
   * @throws FileFormatException naming the line and field of the first problem
   */
  public List<ManualPrice> read(Reader in, String file, BigDecimal perUnits) throws IOException {
    if (perUnits == null || perUnits.signum() <= 0) {
      throw new IllegalArgumentException("perUnits: must be greater than zero, got " + perUnits);
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true)
        .setAllowMissingColumnNames(true).setIgnoreSurroundingSpaces(true).get();
    try (CSVParser parser = CSVParser.parse(in, format)) {
      String dateColumn = column(parser, DATE_NAMES, file, "date");
      String priceColumn = column(parser, PRICE_NAMES, file, "price");
      List<ManualPrice> out = new ArrayList<>();
      Map<LocalDate, Long> seen = new HashMap<>();
      for (CSVRecord r : parser) {
        long line = parser.getCurrentLineNumber();
        if (!r.isMapped(dateColumn) || !r.isSet(dateColumn) || !r.isSet(priceColumn)) {
          throw new FileFormatException(file, line, null, "expected the columns " + dateColumn + " and " + priceColumn);
        }
        LocalDate date = date(r.get(dateColumn), file, line, dateColumn);
        BigDecimal quoted = number(r.get(priceColumn), file, line, priceColumn);
        BigDecimal price = quoted.divide(perUnits, MathContext.DECIMAL128).stripTrailingZeros();
        if (price.scale() < 0) {
          price = price.setScale(0);
        }
        List<FieldError> errors = new ArrayList<>();
        InputLimits.decimal(0, priceColumn, price, InputLimits.AMOUNT, errors);
        if (!errors.isEmpty()) {
          throw new FileFormatException(file, line, priceColumn, errors.get(0).message());
        }
        Long before = seen.put(date, line);
        if (before != null) {
          throw new FileFormatException(file, line, dateColumn, date + " is priced on line " + before + " already");
        }
        out.add(new ManualPrice(line, date, price));
      }
      if (out.isEmpty()) {
        throw new FileFormatException(file, parser.getCurrentLineNumber(), null, "no prices after the header");
      }
      return List.copyOf(out);
    } catch (java.io.UncheckedIOException e) {
      throw new FileFormatException(file, 0, null, "cannot be read as CSV: " + e.getMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      if (e instanceof FileFormatException m) {
        throw m;
      }
      throw new FileFormatException(file, 1, null, "cannot be read as CSV: " + e.getMessage());
    }
  }

  private static String column(CSVParser parser, List<String> names, String file, String what) {
    for (String header : parser.getHeaderNames()) {
      String h = header.replace("\uFEFF", "").trim();
      if (names.contains(h.toLowerCase(Locale.ROOT)) || names.contains(h)) {
        return header;
      }
    }
    throw new FileFormatException(file, 1, null, "no " + what + " column: expected one of " + String.join(", ", names)
        + ", got " + parser.getHeaderNames());
  }

  private static LocalDate date(String text, String file, long line, String field) {
    for (DateTimeFormatter f : DATES) {
      try {
        return LocalDate.parse(text, f);
      } catch (DateTimeParseException next) {
        // the next form
      }
    }
    throw new FileFormatException(file, line, field, "expected a date yyyy-mm-dd, yyyy/mm/dd or yyyy年m月d日, got \"" + text + "\"");
  }

  private static BigDecimal number(String text, String file, long line, String field) {
    String plain = text.replace(",", "").replace("円", "").trim();
    try {
      BigDecimal v = new BigDecimal(plain);
      if (v.signum() <= 0) {
        throw new FileFormatException(file, line, field, "must be greater than zero, got " + text);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new FileFormatException(file, line, field, "expected a decimal number, got \"" + text + "\"");
    }
  }
}
