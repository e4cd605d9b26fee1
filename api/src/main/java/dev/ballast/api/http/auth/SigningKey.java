package dev.ballast.api.http.auth;

import dev.ballast.api.server.DataDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key access tokens are signed with (HMAC-SHA256, 256 random bits): made on the first start
 * in {@code DIR/jwt.key}, owner-only, and read from there after. Deleting the file logs everyone
 * out at the next start.
 */
public final class SigningKey {
  public static final String FILE = "jwt.key";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SigningKey() {}

  public static byte[] loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
      if (key.length < 32) {
        throw new IOException(file + " holds " + key.length + " bytes; a signing key needs 32: delete it to make a new one");
      }
      DataDirectory.restrict(file);
      return key;
    }
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    DataDirectory.create(dataDir);
    // empty and owner-only before the secret is written into it
    DataDirectory.createOwnerOnly(file);
    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    return key;
  }
}
