package dev.ballast.adapters.account.binance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binance's signature of a SIGNED endpoint's request: HMAC-SHA256 of the query string (and body)
 * under the API secret, in lower-case hex, sent as the {@code signature} parameter.
 */
public final class BinanceSigner {
  private final SecretKeySpec key;

  public BinanceSigner(String apiSecret) {
    this.key = new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String sign(String totalParams) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(totalParams.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "BinanceSigner[****]";
  }
}
