package dev.ballast.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** Typed id of an account: lower-case letters, digits and dashes, chosen by the user. */
public record AccountId(String value) {
  private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9\\-_]{0,63}");

  public AccountId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "account id must be 1-64 lower-case letters, digits, - or _, got " + value);
    }
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static AccountId of(String value) {
    return new AccountId(value);
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
