package dev.ballast.adapters.account.coinbase;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;

/**
 * The per-request ES256 JWT of a Coinbase CDP API key: header {@code kid} = key name and a random
 * {@code nonce}; claims {@code iss=cdp}, {@code sub} = key name, {@code nbf} = now, {@code exp} =
 * now + 120 s and {@code uri} = "METHOD host/path"; the signature raw R||S as JWS wants (nimbus).
 */
public final class CoinbaseJwt {
  static final long LIFETIME_SECONDS = 120;
  private final String keyName;
  private final ECDSASigner signer;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** @param privateKeyPem the key's EC private key, SEC1 ({@code BEGIN EC PRIVATE KEY}, as CDP gives it) or PKCS#8 */
  public CoinbaseJwt(String keyName, String privateKeyPem, Clock clock) {
    this.keyName = keyName;
    this.clock = clock;
    try {
      this.signer = new ECDSASigner(parse(privateKeyPem));
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the private key is not a P-256 key");
    }
  }

  /** A P-256 private key from PEM; the message never holds key material. */
  static ECPrivateKey parse(String pem) {
    // a key pasted from CDP's JSON download keeps its "\n" escapes
    String text = pem.replace("\\n", "\n").strip();
    boolean sec1 = text.startsWith("-----BEGIN EC PRIVATE KEY-----");
    if (!sec1 && !text.startsWith("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalArgumentException("the private key is not PEM (BEGIN EC PRIVATE KEY or BEGIN PRIVATE KEY)");
    }
    String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(body);
      KeyFactory factory = KeyFactory.getInstance("EC");
      ECPrivateKey key;
      if (sec1) {
        BigInteger d = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der).getKey();
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        key = (ECPrivateKey) factory.generatePrivate(new ECPrivateKeySpec(d, params.getParameterSpec(ECParameterSpec.class)));
      } else {
        key = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der));
      }
      if (key.getParams().getCurve().getField().getFieldSize() != 256) {
        throw new IllegalArgumentException("the private key is not a P-256 key (ES256)");
      }
      return key;
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("the private key")) {
        throw iae;
      }
      throw new IllegalArgumentException("the private key PEM cannot be read as an EC key");
    }
  }

  /** The token for one request, e.g. {@code GET api.coinbase.com/api/v3/brokerage/accounts} (no query). */
  public String token(String method, String host, String path) {
    Instant now = clock.instant();
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyName).type(JOSEObjectType.JWT)
        .customParam("nonce", HexFormat.of().formatHex(nonce)).build();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("cdp").subject(keyName).notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(LIFETIME_SECONDS))).claim("uri", method + " " + host + path).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("ES256 signing failed", e);
    }
    return jwt.serialize();
  }

  @Override
  public String toString() {
    return "CoinbaseJwt[" + keyName + ", ****]";
  }
}
