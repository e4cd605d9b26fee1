package dev.ballast.engine.execution;

import java.util.regex.Pattern;

/**
 * Our id of an order, sent to the venue with it (Binance {@code newClientOrderId}, Kraken
 * {@code cl_ord_id}): 1-36 letters, digits or {@code . _ : -}, the set every supported venue takes.
 */
public record ClientOrderId(String value) {
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:\\-]{1,36}");

  public ClientOrderId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "client order id must be 1-36 letters, digits or . _ : -, got " + (value == null ? "null" : "\"" + value + "\""));
    }
  }

  public static ClientOrderId of(String value) {
    return new ClientOrderId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
