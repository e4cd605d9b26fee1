package dev.ballast.api.http.orders;

import dev.ballast.engine.model.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The paging and date parameters of the trading lists: {@code offset}, {@code limit} (at most
 * {@link #MAX_LIMIT}), {@code from} (inclusive) and {@code to} (exclusive), each an instant
 * ({@code 2026-03-01T09:00:00Z}) or a UTC date: {@code from=2026-03-01} starts at that day's
 * midnight, {@code to=2026-03-31} ends after that day. A bad value is a field error naming it.
 */
public record ListParams(int offset, int limit, Instant from, Instant to) {
  public static final int MAX_LIMIT = 500;
  public static final int DEFAULT_LIMIT = 50;

  public static ListParams parse(Optional<String> offset, Optional<String> limit, Optional<String> from, Optional<String> to,
      List<FieldError> errors) {
    int o = number("offset", offset, 0, errors);
    int l = number("limit", limit, DEFAULT_LIMIT, errors);
    if (l > MAX_LIMIT) {
      errors.add(new FieldError(0, "limit", "at most " + MAX_LIMIT));
    } else if (limit.isPresent() && l == 0) {
      errors.add(new FieldError(0, "limit", "must be at least 1"));
    }
    Instant f = time("from", from, false, errors);
    Instant t = time("to", to, true, errors);
    if (f != null && t != null && !f.isBefore(t)) {
      errors.add(new FieldError(0, "to", "must be after from (" + f + ")"));
    }
    return new ListParams(o, l, f, t);
  }

  static int number(String field, Optional<String> text, int otherwise, List<FieldError> errors) {
    if (text.isEmpty()) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(text.get().trim());
      if (n < 0) {
        errors.add(new FieldError(0, field, "must not be negative"));
      }
      return n;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(0, field, "is not a whole number: " + text.get()));
      return otherwise;
    }
  }

  private static Instant time(String field, Optional<String> text, boolean end, List<FieldError> errors) {
    if (text.isEmpty() || text.get().isBlank()) {
      return null;
    }
    String value = text.get().trim();
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(0, field, "is neither a date (YYYY-MM-DD) nor an instant (YYYY-MM-DDTHH:MM:SSZ): " + value));
      return null;
    }
  }
}
