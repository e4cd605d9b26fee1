package dev.ballast.api.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV of daily prices for the offline commands (optimize, signal): a {@code date} column, then one
 * column per asset, a positive price in every cell, dates strictly increasing. Errors name the file,
 * the line and the field.
 */
record PriceTableCsv(List<String> assets, List<LocalDate> dates, List<List<BigDecimal>> prices) {

  static PriceTableCsv read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliException("error: " + file + ": no such file", 2);
    } catch (IOException e) {
      throw new CliException("error: " + file + ": cannot read: " + e.getMessage(), 2);
    }
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw fail(file, 1, "header", "missing: the first line must be date,ASSET,ASSET...");
    }
    String[] header = lines.get(0).replace("\uFEFF", "").split(",", -1);
    if (!header[0].trim().equalsIgnoreCase("date")) {
      throw fail(file, 1, "date", "the first column must be named date, was '" + header[0].trim() + "'");
    }
    if (header.length < 2) {
      throw fail(file, 1, "header", "no asset column after date");
    }
    List<String> assets = new ArrayList<>();
    for (int c = 1; c < header.length; c++) {
      String name = header[c].trim();
      if (name.isEmpty()) {
        throw fail(file, 1, "column " + (c + 1), "an asset column without a name");
      }
      if (assets.contains(name)) {
        throw fail(file, 1, name, "the column appears twice");
      }
      assets.add(name);
    }
    List<LocalDate> dates = new ArrayList<>();
    List<List<BigDecimal>> prices = new ArrayList<>();
    for (int n = 1; n < lines.size(); n++) {
      String line = lines.get(n);
      int lineNo = n + 1;
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != header.length) {
        throw fail(file, lineNo, "row", f.length + " fields, the header has " + header.length);
      }
      LocalDate date;
      try {
        date = LocalDate.parse(f[0].trim());
      } catch (DateTimeParseException e) {
        throw fail(file, lineNo, "date", "'" + f[0].trim() + "' is not a date (yyyy-mm-dd)");
      }
      if (!dates.isEmpty() && !date.isAfter(dates.get(dates.size() - 1))) {
        throw fail(file, lineNo, "date", date + " is not after the previous row's " + dates.get(dates.size() - 1));
      }
      List<BigDecimal> row = new ArrayList<>();
      for (int c = 1; c < f.length; c++) {
        String cell = f[c].trim();
        BigDecimal price;
        try {
          price = new BigDecimal(cell);
        } catch (NumberFormatException e) {
          throw fail(file, lineNo, assets.get(c - 1), cell.isEmpty() ? "missing price" : "'" + cell + "' is not a number");
        }
        if (price.signum() <= 0) {
          throw fail(file, lineNo, assets.get(c - 1), "price " + cell + " is not positive");
        }
        row.add(price);
      }
      dates.add(date);
      prices.add(List.copyOf(row));
    }
    if (dates.isEmpty()) {
      throw fail(file, 2, "rows", "no price rows after the header");
    }
    return new PriceTableCsv(List.copyOf(assets), List.copyOf(dates), List.copyOf(prices));
  }

  double[][] asDoubles() {
    double[][] out = new double[prices.size()][assets.size()];
    for (int t = 0; t < prices.size(); t++) {
      for (int i = 0; i < assets.size(); i++) {
        out[t][i] = prices.get(t).get(i).doubleValue();
      }
    }
    return out;
  }

  private static CliException fail(Path file, int line, String field, String message) {
    return new CliException("error: " + file + ":" + line + ": " + field + ": " + message, 2);
  }
}
