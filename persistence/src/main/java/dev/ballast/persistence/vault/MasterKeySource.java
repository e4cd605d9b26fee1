package dev.ballast.persistence.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Where the vault's master key comes from, in this order: the environment variable
 * {@code BALLAST_MASTER_KEY} (base64 of 32 bytes, or {@code 2:KEY,1:KEY} during a rotation), a
 * passphrase in {@code BALLAST_MASTER_PASSPHRASE} stretched with Argon2id (salt in
 * {@code DIR/vault.salt}), or else the key file {@code DIR/vault.key}, made on the first start and
 * readable by its owner only.
 */
public final class MasterKeySource {
  public static final String KEY_ENV = "BALLAST_MASTER_KEY";
  public static final String PASSPHRASE_ENV = "BALLAST_MASTER_PASSPHRASE";
  /** The version of the passphrase's key (1 unless rotated). */
  public static final String PASSPHRASE_VERSION_ENV = "BALLAST_MASTER_PASSPHRASE_VERSION";
  /** The passphrase before a rotation, kept until the server has re-sealed every secret with the new one. */
  public static final String PREVIOUS_PASSPHRASE_ENV = "BALLAST_MASTER_PASSPHRASE_PREVIOUS";
  public static final String KEY_FILE = "vault.key";
  public static final String SALT_FILE = "vault.salt";
  /** OWASP's Argon2id minimum: 19 MiB, 2 passes, 1 lane. */
  static final int ARGON_MEMORY_KIB = 19 * 1024;
  static final int ARGON_ITERATIONS = 2;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** How the keys were found; only a key file can be rotated by the server itself. */
  public enum Kind { ENVIRONMENT, PASSPHRASE, KEY_FILE }

  public record Loaded(MasterKeyring keyring, Kind kind, Path keyFile) {}

  private MasterKeySource() {}

  public static Loaded load(Path dataDir, Function<String, String> env) throws IOException {
    String key = env.apply(KEY_ENV);
    if (key != null && !key.isBlank()) {
      return new Loaded(new MasterKeyring(parseKeys(key.trim(), KEY_ENV), "the environment variable " + KEY_ENV), Kind.ENVIRONMENT, null);
    }
    String passphrase = env.apply(PASSPHRASE_ENV);
    if (passphrase != null && !passphrase.isEmpty()) {
      byte[] salt = loadOrCreate(dataDir.resolve(SALT_FILE), 16);
      int version = parseVersion(env.apply(PASSPHRASE_VERSION_ENV));
      Map<Integer, byte[]> keys = new TreeMap<>();
      keys.put(version, derive(passphrase, salt));
      String previous = env.apply(PREVIOUS_PASSPHRASE_ENV);
      if (previous != null && !previous.isEmpty() && version > 1) {
        keys.put(version - 1, derive(previous, salt));
      }
      return new Loaded(new MasterKeyring(keys, "the passphrase in " + PASSPHRASE_ENV), Kind.PASSPHRASE, null);
    }
    Path file = dataDir.resolve(KEY_FILE);
    if (!Files.exists(file)) {
      byte[] first = new byte[MasterKeyring.KEY_BYTES];
      RANDOM.nextBytes(first);
      writeKeyFile(file, Map.of(1, first));
    }
    return new Loaded(readKeyFile(file), Kind.KEY_FILE, file);
  }

  /** Argon2id of the passphrase: 32 bytes. */
  public static byte[] derive(String passphrase, byte[] salt) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(ARGON_MEMORY_KIB).withIterations(ARGON_ITERATIONS).withParallelism(1).withSalt(salt).build());
    byte[] out = new byte[MasterKeyring.KEY_BYTES];
    generator.generateBytes(passphrase.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  static int parseVersion(String text) {
    if (text == null || text.isBlank()) {
      return 1;
    }
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // named below
    }
    throw new IllegalArgumentException(PASSPHRASE_VERSION_ENV + " must be a whole number of 1 or more");
  }

  /** {@code KEY} (version 1) or {@code N:KEY} entries separated by commas or new lines. */
  static Map<Integer, byte[]> parseKeys(String text, String where) {
    Map<Integer, byte[]> keys = new LinkedHashMap<>();
    List<String> entries = List.of(text.split("[,\\n]"));
    for (String raw : entries) {
      String entry = raw.trim();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      int colon = entry.indexOf(':');
      int version;
      String encoded;
      try {
        version = colon < 0 ? 1 : Integer.parseInt(entry.substring(0, colon).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": an entry's version is not a whole number (entries are VERSION:BASE64)");
      }
      encoded = colon < 0 ? entry : entry.substring(colon + 1).trim();
      byte[] key;
      try {
        key = Base64.getDecoder().decode(encoded);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": master key version " + version + " is not base64");
      }
      if (keys.put(version, key) != null) {
        throw new IllegalArgumentException(where + ": master key version " + version + " is given twice");
      }
    }
    return keys;
  }

  public static MasterKeyring readKeyFile(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    restrict(file);
    return new MasterKeyring(parseKeys(text, "the key file " + file), "the key file " + file);
  }

  /** Writes the key file whole (a temporary file moved over it), owner-only from its first byte. */
  public static void writeKeyFile(Path file, Map<Integer, byte[]> keys) throws IOException {
    StringBuilder text = new StringBuilder("# Ballast vault master keys (VERSION:BASE64); the highest seals new secrets. Keep a copy offline.\n");
    new TreeMap<>(keys).forEach((v, k) -> text.append(v).append(':').append(Base64.getEncoder().encodeToString(k)).append('\n'));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(tmp);
    createOwnerOnly(tmp);
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    restrict(file);
  }

  /** A fresh random key. */
  public static byte[] newKey() {
    byte[] key = new byte[MasterKeyring.KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  private static byte[] loadOrCreate(Path file, int bytes) throws IOException {
    if (Files.exists(file)) {
      restrict(file);
      return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }
    byte[] salt = new byte[bytes];
    RANDOM.nextBytes(salt);
    Files.createDirectories(file.toAbsolutePath().getParent());
    createOwnerOnly(file);
    Files.writeString(file, Base64.getEncoder().encodeToString(salt) + "\n", StandardCharsets.US_ASCII);
    return salt;
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static void createOwnerOnly(Path file) throws IOException {
    if (posix()) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    restrict(file);
  }

  private static void restrict(Path file) throws IOException {
    if (posix()) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
