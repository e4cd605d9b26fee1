package dev.ballast.api.http;

import dev.ballast.engine.model.FieldError;
import java.util.List;
import java.util.function.Function;

/** Turning a request's text into typed values, each failure a field error instead of an exception. */
public final class Fields {
  private Fields() {}

  /** The parsed value, or null (with an error added when the text was there but did not parse). */
  public static <T> T parse(int row, String field, String text, Function<String, T> parser, List<FieldError> errors) {
    if (text == null) {
      return null;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(row, field, e.getMessage()));
      return null;
    }
  }

  /** Adds "is required" when the value is missing; returns whether it is there. */
  public static boolean require(int row, String field, Object value, List<FieldError> errors) {
    if (value == null) {
      errors.add(new FieldError(row, field, "is required"));
      return false;
    }
    return true;
  }
}
