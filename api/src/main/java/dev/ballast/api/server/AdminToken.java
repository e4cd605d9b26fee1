package dev.ballast.api.server;

import dev.ballast.persistence.auth.ApiTokenRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The admin API token: 256 random bits, made on the first start. The database keeps only its
 * SHA-256 (a slow password hash adds nothing for a random 256-bit secret and would cost every
 * request); the plain token goes once to the console and to {@code DIR/admin.token}, readable by
 * the owner only.
 */
public final class AdminToken {
  public static final String FILE = "admin.token";
  private static final SecureRandom RANDOM = new SecureRandom();

  private AdminToken() {}

  /** Creates the admin token if none exists yet; returns it when it was created now. */
  public static Optional<String> ensure(ApiTokenRepository tokens, Path dataDir) throws IOException {
    if (tokens.count() > 0) {
      return Optional.empty();
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = "blt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Path file = dataDir.resolve(FILE);
    DataDirectory.create(dataDir);
    Files.deleteIfExists(file);
    // empty and owner-only before the secret is written into it
    DataDirectory.createOwnerOnly(file);
    Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    tokens.save(new ApiTokenRepository.StoredToken("admin", "admin", "admin", hash(token), Instant.now()));
    return Optional.of(token);
  }

  public static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
