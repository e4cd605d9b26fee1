package dev.ballast.adapters.account.ethereum;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/** JSON-RPC quantities and ABI words as exact amounts: wei to ETH (18 decimals), token units by the token's decimals. */
public final class EthereumMapping {
  /** {@code balanceOf(address)}. */
  public static final String BALANCE_OF = "0x70a08231";
  /** {@code decimals()}. */
  public static final String DECIMALS = "0x313ce567";

  private EthereumMapping() {}

  /** A 0x-prefixed hex quantity or ABI word; {@code 0x} alone (a call to no contract) is refused, not zero. */
  public static BigInteger hex(String value, String what) {
    if (value == null || !value.startsWith("0x") || value.length() < 3) {
      throw new IllegalArgumentException(what + ": \"" + (value == null ? "null" : value.length() > 20 ? value.substring(0, 20) + "..." : value)
          + "\" is not a hex value (0x alone means no contract answered)");
    }
    return new BigInteger(value.substring(2), 16);
  }

  public static BigDecimal units(BigInteger raw, int decimals) {
    return new BigDecimal(raw, decimals);
  }

  /** The call data of {@code balanceOf(address)}: the selector and the address left-padded to 32 bytes. */
  public static String balanceOfData(String address) {
    String a = address.toLowerCase(Locale.ROOT);
    if (!a.matches("0x[0-9a-f]{40}")) {
      throw new IllegalArgumentException("\"" + address + "\" is not an Ethereum address (0x and 40 hex digits)");
    }
    return BALANCE_OF + "0".repeat(24) + a.substring(2);
  }
}
