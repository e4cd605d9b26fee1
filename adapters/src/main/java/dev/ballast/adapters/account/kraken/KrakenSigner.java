package dev.ballast.adapters.account.kraken;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kraken's {@code API-Sign} of a private REST request: HMAC-SHA512, under the base64-decoded API
 * secret, of the URI path followed by SHA-256(nonce + POST data), base64-encoded.
 */
public final class KrakenSigner {
  private final SecretKeySpec key;

  public KrakenSigner(String apiSecretBase64) {
    this.key = new SecretKeySpec(Base64.getDecoder().decode(apiSecretBase64), "HmacSHA512");
  }

  public String sign(String uriPath, String nonce, String postData) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest((nonce + postData).getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(key);
      mac.update(uriPath.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal(hash));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 or SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "KrakenSigner[****]";
  }
}
