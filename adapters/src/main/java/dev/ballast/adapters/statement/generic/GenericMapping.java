package dev.ballast.adapters.statement.generic;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.statement.StatementFormat;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A user's column mapping for a CSV no built-in format reads, from HOCON: which column holds each
 * field of a transaction, how dates are written and in which zone, which cell values mean which
 * type and wrapper. docs/imports.md shows a complete one.
 *
 * @param columns transaction field ({@code asset}, {@code quantity}, ...) to the column holding it
 * @param typeValues a cell (lower case) to its type; empty means the type names themselves
 * @param currency the price and amount currency when no {@code currency} column is mapped
 * @param holdings a holdings file ({@code kind = holdings}): each row is a balance held at its date,
 *     reconciled against the ledger, not a transaction; it has no type column
 */
public record GenericMapping(
    String name, String source, Charset charset, char delimiter, int preambleLines,
    String dateColumn, DateTimeFormatter datePattern, ZoneId zone,
    String typeColumn, Map<String, TransactionType> typeValues,
    Map<String, String> columns, AssetId currency, AssetId feeCurrency,
    String wrapperColumn, Map<String, TaxWrapper> wrapperValues, boolean absoluteQuantities, boolean holdings) {

  /** The fields a column can be given for, besides date, type and wrapper. */
  public static final List<String> FIELDS = List.of(
      "asset", "quantity", "price", "currency", "amount", "fee", "fee-currency", "tax", "fx-rate", "transfer-id", "id", "note");

  public GenericMapping {
    columns = Map.copyOf(columns);
    typeValues = Map.copyOf(typeValues);
    wrapperValues = Map.copyOf(wrapperValues);
  }

  public StatementFormat format() {
    return new StatementFormat(name, charset.displayName() + (holdings ? " holdings" : "") + " CSV with the columns " + String.join(", ", requiredColumns())
        + (preambleLines > 0 ? " after " + preambleLines + " preamble line(s)" : "") + " (mapping " + name + ")");
  }

  /** The file's column for a transaction field a check names ({@code price.value} is the price column); the field itself when unmapped. */
  public String columnOf(String field) {
    String base = field.endsWith(".value") || field.endsWith(".amount") ? field.substring(0, field.lastIndexOf('.')) : field;
    String key = switch (base) {
      case "timestamp" -> null;
      case "fxRate" -> "fx-rate";
      case "transferId" -> "transfer-id";
      case "externalId" -> "id";
      default -> base;
    };
    if (base.equals("timestamp")) {
      return dateColumn;
    }
    if (base.equals("type")) {
      return typeColumn;
    }
    return columns.getOrDefault(key, field);
  }

  /** The columns a file must have to be of this mapping: every one mapped. */
  public List<String> requiredColumns() {
    List<String> all = new ArrayList<>();
    all.add(dateColumn);
    if (typeColumn != null) {
      all.add(typeColumn);
    }
    FIELDS.forEach(f -> Optional.ofNullable(columns.get(f)).ifPresent(all::add));
    if (wrapperColumn != null) {
      all.add(wrapperColumn);
    }
    return all.stream().distinct().toList();
  }

  /**
   * Reads a mapping; a wrong setting throws naming its path.
   *
   * @throws IllegalArgumentException naming the setting and what is wrong
   */
  public static GenericMapping from(String name, Config c) {
    try {
      String source = c.hasPath("source") ? c.getString("source") : "generic:" + name;
      List<dev.ballast.engine.model.FieldError> sourceErrors = new ArrayList<>();
      InputLimits.text(0, "source", source, InputLimits.SOURCE, sourceErrors);
      if (!sourceErrors.isEmpty()) {
        throw new IllegalArgumentException("mapping " + name + ", source: " + sourceErrors.get(0).message());
      }
      Charset charset = Charset.forName(c.hasPath("encoding") ? c.getString("encoding") : "UTF-8");
      String delimiter = c.hasPath("delimiter") ? c.getString("delimiter") : ",";
      if (delimiter.length() != 1) {
        throw new IllegalArgumentException("mapping " + name + ", delimiter: one character, got \"" + delimiter + "\"");
      }
      int preamble = c.hasPath("preamble-lines") ? c.getInt("preamble-lines") : 0;
      Config date = c.getConfig("date");
      String pattern = date.hasPath("pattern") ? date.getString("pattern") : "instant";
      DateTimeFormatter formatter;
      try {
        // strict: 2026/02/30 is an error, not February 28th; the era defaults so that yyyy works strictly
        formatter = pattern.equals("instant") ? null : new DateTimeFormatterBuilder().appendPattern(pattern)
            .parseDefaulting(ChronoField.ERA, 1).toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("mapping " + name + ", date.pattern: " + e.getMessage());
      }
      ZoneId zone;
      try {
        zone = ZoneId.of(date.hasPath("zone") ? date.getString("zone") : "UTC");
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("mapping " + name + ", date.zone: " + e.getMessage());
      }
      String kind = c.hasPath("kind") ? c.getString("kind") : "transactions";
      if (!kind.equals("transactions") && !kind.equals("holdings")) {
        throw new IllegalArgumentException("mapping " + name + ", kind: transactions or holdings, got \"" + kind + "\"");
      }
      boolean holdings = kind.equals("holdings");
      Config type = holdings && !c.hasPath("type") ? null : c.getConfig("type");
      Map<String, TransactionType> types = new TreeMap<>();
      if (type != null && type.hasPath("values")) {
        for (Map.Entry<String, ConfigValue> e : type.getConfig("values").root().entrySet()) {
          types.put(e.getKey().toLowerCase(Locale.ROOT), enumValue(name, "type.values." + e.getKey(), TransactionType.class, e.getValue()));
        }
      }
      Map<String, String> columns = new LinkedHashMap<>();
      for (String field : FIELDS) {
        if (c.hasPath(field)) {
          columns.put(field, c.getString(field));
        }
      }
      for (String needed : List.of("asset", "quantity")) {
        if (!columns.containsKey(needed)) {
          throw new IllegalArgumentException("mapping " + name + ": " + needed + " names no column");
        }
      }
      AssetId currency = c.hasPath("fixed-currency") ? AssetId.of(c.getString("fixed-currency")) : null;
      AssetId feeCurrency = c.hasPath("fixed-fee-currency") ? AssetId.of(c.getString("fixed-fee-currency")) : null;
      String wrapperColumn = null;
      Map<String, TaxWrapper> wrappers = new TreeMap<>();
      if (c.hasPath("wrapper")) {
        Config wrapper = c.getConfig("wrapper");
        wrapperColumn = wrapper.getString("column");
        if (wrapper.hasPath("values")) {
          for (Map.Entry<String, ConfigValue> e : wrapper.getConfig("values").root().entrySet()) {
            wrappers.put(e.getKey(), enumValue(name, "wrapper.values." + e.getKey(), TaxWrapper.class, e.getValue()));
          }
        }
      }
      return new GenericMapping(name, source, charset, delimiter.charAt(0), preamble, date.getString("column"), formatter, zone,
          type == null ? null : type.getString("column"), types, columns, currency, feeCurrency, wrapperColumn, wrappers,
          c.hasPath("absolute-quantities") && c.getBoolean("absolute-quantities"), holdings);
    } catch (ConfigException e) {
      throw new IllegalArgumentException("mapping " + name + ": " + e.getMessage(), e);
    } catch (java.nio.charset.IllegalCharsetNameException | java.nio.charset.UnsupportedCharsetException e) {
      throw new IllegalArgumentException("mapping " + name + ", encoding: unknown " + e.getMessage(), e);
    }
  }

  private static <E extends Enum<E>> E enumValue(String mapping, String path, Class<E> type, ConfigValue value) {
    String text = String.valueOf(value.unwrapped());
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("mapping " + mapping + ", " + path + ": unknown " + type.getSimpleName() + " " + text);
    }
  }
}
