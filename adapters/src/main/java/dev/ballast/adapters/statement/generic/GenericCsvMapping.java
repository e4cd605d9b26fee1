package dev.ballast.adapters.statement.generic;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.statement.StatementBalance;
import dev.ballast.engine.statement.StatementError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Pure functions from a mapped CSV row to a transaction (without its reference), each problem naming its column. */
public final class GenericCsvMapping {

  private GenericCsvMapping() {}

  /** A row's transaction and wrapper, or the problems that keep it from being one. */
  public record Mapped(Transaction transaction, TaxWrapper wrapper, List<StatementError.InvalidRow> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** A holdings row's balance, or the problems that keep it from being one. */
  public record Held(StatementBalance balance, List<StatementError.InvalidRow> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** A row of a holdings mapping: the quantity of an asset held at the row's date, in its wrapper. */
  public static Held balance(GenericCsvRow row, GenericMapping m) {
    Errors errors = new Errors(row.line(), m);
    Instant at = instant(row.cell("date"), m, errors);
    AssetId asset = errors.parse("asset", row.cell("asset"), t -> AssetId.of(t.toUpperCase(Locale.ROOT)));
    BigDecimal quantity = errors.decimal("quantity", row.cell("quantity"));
    if (quantity == null && errors.list.isEmpty()) {
      errors.add(m.columns().get("quantity"), "is empty");
    } else if (quantity != null && quantity.signum() < 0) {
      errors.add(m.columns().get("quantity"), quantity.toPlainString() + ": a holding is not negative");
    }
    TaxWrapper wrapper = wrapper(row, m, errors);
    if (!errors.list.isEmpty()) {
      return new Held(null, errors.list);
    }
    return new Held(new StatementBalance(row.line(), at, asset, Quantity.of(quantity), wrapper), List.of());
  }

  private static TaxWrapper wrapper(GenericCsvRow row, GenericMapping m, Errors errors) {
    if (m.wrapperColumn() == null) {
      return null;
    }
    String text = Cells.text(row.cell("wrapper"));
    if (text == null) {
      return null;
    }
    TaxWrapper wrapper = m.wrapperValues().isEmpty() ? enumOrNull(TaxWrapper.class, text) : m.wrapperValues().get(text);
    if (wrapper == null) {
      errors.add(m.wrapperColumn(), "unknown account type \"" + Cells.shorten(text) + "\"; the mapping knows " + m.wrapperValues().keySet());
    }
    return wrapper;
  }

  public static Mapped transaction(GenericCsvRow row, GenericMapping m) {
    Errors errors = new Errors(row.line(), m);
    TransactionType type = type(row.cell("type"), m, errors);
    Instant at = instant(row.cell("date"), m, errors);
    AssetId asset = errors.parse("asset", row.cell("asset"), t -> AssetId.of(t.toUpperCase(Locale.ROOT)));
    BigDecimal quantity = errors.decimal("quantity", row.cell("quantity"));
    if (quantity != null && m.absoluteQuantities()) {
      quantity = quantity.abs();
    }
    AssetId currency = m.columns().containsKey("currency")
        ? errors.parse("currency", row.cell("currency"), t -> AssetId.of(t.toUpperCase(Locale.ROOT)))
        : m.currency();
    AssetId feeCurrency = m.columns().containsKey("fee-currency")
        ? errors.parse("fee-currency", row.cell("fee-currency"), t -> AssetId.of(t.toUpperCase(Locale.ROOT)))
        : m.feeCurrency() != null ? m.feeCurrency() : currency;
    BigDecimal price = errors.decimal("price", row.cell("price"));
    BigDecimal amount = errors.decimal("amount", row.cell("amount"));
    BigDecimal fee = errors.decimal("fee", row.cell("fee"));
    BigDecimal tax = errors.decimal("tax", row.cell("tax"));
    BigDecimal fxRate = errors.decimal("fx-rate", row.cell("fx-rate"));
    if (currency == null && (price != null || amount != null || (tax != null && tax.signum() != 0))) {
      errors.add(m.columns().getOrDefault("currency", "currency"), "a price or amount needs a currency: map a currency column or set fixed-currency");
    }
    if (feeCurrency == null && fee != null && fee.signum() != 0) {
      errors.add(m.columns().getOrDefault("fee-currency", "fee"), "a fee needs a currency: map fee-currency or set fixed-fee-currency");
    }
    TaxWrapper wrapper = wrapper(row, m, errors);
    if (!errors.list.isEmpty()) {
      return new Mapped(null, null, errors.list);
    }
    Transaction.Builder b = Transaction.builder(type).at(at).asset(asset);
    if (quantity != null) {
      b.quantity(Quantity.of(quantity));
    }
    if (price != null) {
      b.price(new Price(price, currency));
    }
    if (amount != null) {
      b.amount(new Money(amount, currency));
    }
    if (fee != null && fee.signum() != 0) {
      b.fee(new Money(fee, feeCurrency));
    }
    if (tax != null && tax.signum() != 0) {
      b.tax(new Money(tax, currency));
    }
    if (fxRate != null) {
      b.fxRate(fxRate);
    }
    b.transferId(Cells.text(row.cell("transfer-id")));
    b.note(Cells.text(row.cell("note")));
    return new Mapped(b.build(), wrapper, List.of());
  }

  private static TransactionType type(String cell, GenericMapping m, Errors errors) {
    String text = Cells.text(cell);
    if (text == null) {
      errors.add(m.typeColumn(), "is empty");
      return null;
    }
    TransactionType type = m.typeValues().isEmpty()
        ? enumOrNull(TransactionType.class, text.toUpperCase(Locale.ROOT))
        : m.typeValues().get(text.toLowerCase(Locale.ROOT));
    if (type == null) {
      errors.add(m.typeColumn(), "unknown type \"" + Cells.shorten(text) + "\"; expected one of "
          + (m.typeValues().isEmpty() ? List.of(TransactionType.values()) : m.typeValues().keySet()));
    }
    return type;
  }

  /** A date as the mapping's pattern writes it; without an offset it is a time in the mapping's zone, without a time its start of day. */
  static Instant instant(String cell, GenericMapping m, Errors errors) {
    String text = Cells.text(cell);
    if (text == null) {
      errors.add(m.dateColumn(), "is empty");
      return null;
    }
    try {
      if (m.datePattern() == null) {
        return OffsetDateTime.parse(text).toInstant();
      }
      TemporalAccessor t = m.datePattern().parseBest(text, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
      if (t instanceof ZonedDateTime z) {
        return z.toInstant();
      }
      if (t instanceof OffsetDateTime o) {
        return o.toInstant();
      }
      if (t instanceof LocalDateTime l) {
        return l.atZone(m.zone()).toInstant();
      }
      return ((LocalDate) t).atStartOfDay(m.zone()).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(m.dateColumn(), "\"" + Cells.shorten(text) + "\" is not a date of the pattern "
          + (m.datePattern() == null ? "ISO-8601 with offset (2026-01-05T09:00:00Z)" : m.datePattern().toString()));
      return null;
    }
  }

  private static <E extends Enum<E>> E enumOrNull(Class<E> type, String text) {
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The problems of one row, each named by the file's column. */
  private static final class Errors {
    final int line;
    final GenericMapping m;
    final List<StatementError.InvalidRow> list = new ArrayList<>();

    Errors(int line, GenericMapping m) {
      this.line = line;
      this.m = m;
    }

    void add(String column, String reason) {
      list.add(new StatementError.InvalidRow(line, column, reason));
    }

    BigDecimal decimal(String field, String cell) {
      try {
        return Cells.decimal(cell);
      } catch (NumberFormatException e) {
        add(m.columns().get(field), e.getMessage());
        return null;
      }
    }

    <T> T parse(String field, String cell, java.util.function.Function<String, T> parse) {
      String text = Cells.text(cell);
      if (text == null) {
        add(m.columns().get(field), "is empty");
        return null;
      }
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        add(m.columns().get(field), Cells.shorten(e.getMessage()));
        return null;
      }
    }
  }
}
