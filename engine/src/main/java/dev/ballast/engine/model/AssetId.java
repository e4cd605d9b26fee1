package dev.ballast.engine.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one canonical id of an asset across all venues: BTC is BTC on Binance, Kraken and in a wallet;
 * a listed stock goes by its exchange code (7203.T), a fund by its code. Fiat currencies are assets
 * too, identified by their ISO 4217 code (JPY, USD).
 */
public record AssetId(String value) implements Comparable<AssetId> {

  private static final Pattern FORM = Pattern.compile("[A-Z0-9][A-Z0-9._:\\-]{0,39}");
  private static final Set<String> FIAT =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          // precious metals and funds codes (XAU, XDR, ...) are not cash
          .filter(code -> !code.startsWith("X"))
          .collect(Collectors.toUnmodifiableSet());

  public AssetId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "asset id must be 1-40 upper-case letters, digits or . _ : -, got " + quoted(value));
    }
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static AssetId of(String value) {
    return new AssetId(value == null ? null : value.trim().toUpperCase(java.util.Locale.ROOT));
  }

  /** True for an ISO 4217 fiat currency: held as a cash balance, not as lots. */
  public boolean isFiat() {
    return FIAT.contains(value);
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public int compareTo(AssetId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
