package dev.ballast.api.http.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived access tokens: a JWT signed with HS256 naming the user (sub) and their role, valid
 * for {@code ttl}. Only tokens of this issuer, this algorithm and a valid signature and time are
 * taken; the role in a token is trusted only until it expires (a role change ends the refresh
 * tokens, so it takes effect within one access-token lifetime, and at once for a removed user,
 * whom the authenticator checks).
 */
public final class AccessTokens {
  static final String ISSUER = "ballast";
  private final MACSigner signer;
  private final JWSVerifier verifier;
  private final Clock clock;
  private final Duration ttl;

  public AccessTokens(byte[] key, Clock clock, Duration ttl) {
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the signing key is unusable: " + e.getMessage(), e);
    }
    this.clock = clock;
    this.ttl = ttl;
  }

  public Duration ttl() {
    return ttl;
  }

  public String issue(String user, Role role) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(user)
        .claim("role", role.name())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ttl)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }

  /** The user and role of a valid token; empty for anything else (malformed, other algorithm, bad signature, expired). */
  public Optional<Principal> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date exp = claims.getExpirationTime();
      if (!ISSUER.equals(claims.getIssuer()) || exp == null || !clock.instant().isBefore(exp.toInstant()) || claims.getSubject() == null) {
        return Optional.empty();
      }
      return Optional.of(new Principal(claims.getSubject(), Role.parse(claims.getStringClaim("role")), Principal.Kind.USER));
    } catch (ParseException | JOSEException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** True when the text has the shape of a JWT (three dot-separated parts), so it is not looked up as an API token. */
  public static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }
}
