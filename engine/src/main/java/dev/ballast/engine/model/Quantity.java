package dev.ballast.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Objects;

/** A number of units of an asset, exact; written as a plain number in JSON. */
public record Quantity(BigDecimal value) implements Comparable<Quantity> {

  public static final Quantity ZERO = new Quantity(BigDecimal.ZERO);

  public Quantity {
    Objects.requireNonNull(value, "value");
    value = Decimals.plain(value);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Quantity of(BigDecimal value) {
    return new Quantity(value);
  }

  public static Quantity of(String value) {
    return new Quantity(new BigDecimal(value));
  }

  @JsonValue
  @Override
  public BigDecimal value() {
    return value;
  }

  public int signum() {
    return value.signum();
  }

  @Override
  public int compareTo(Quantity other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value.toPlainString();
  }
}
