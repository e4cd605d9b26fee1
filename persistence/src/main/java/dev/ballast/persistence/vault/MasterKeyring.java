package dev.ballast.persistence.vault;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vault's master keys by version: the highest is the one new secrets are sealed with; older
 * ones are kept only while secrets sealed with them are re-sealed (a rotation). Where they came
 * from is named for messages ({@code key file /data/vault.key}), never the key.
 */
public final class MasterKeyring {
  public static final int KEY_BYTES = 32;

  private final TreeMap<Integer, SecretKey> keys;
  private final String origin;

  public MasterKeyring(Map<Integer, byte[]> keys, String origin) {
    this.origin = Objects.requireNonNull(origin, "origin");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(origin + ": no master key");
    }
    TreeMap<Integer, SecretKey> copy = new TreeMap<>();
    keys.forEach((version, key) -> {
      if (version < 1) {
        throw new IllegalArgumentException(origin + ": master key version " + version + " must be 1 or more");
      }
      if (key.length != KEY_BYTES) {
        throw new IllegalArgumentException(origin + ": master key version " + version + " has " + key.length + " bytes, AES-256 needs " + KEY_BYTES);
      }
      copy.put(version, new SecretKeySpec(Arrays.copyOf(key, key.length), "AES"));
    });
    this.keys = copy;
  }

  public int currentVersion() {
    return keys.lastKey();
  }

  SecretKey current() {
    return keys.lastEntry().getValue();
  }

  Optional<SecretKey> version(int version) {
    return Optional.ofNullable(keys.get(version));
  }

  public java.util.Set<Integer> versions() {
    return Collections.unmodifiableSet(keys.keySet());
  }

  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "MasterKeyring[" + origin + ", versions " + keys.keySet() + "]";
  }
}
