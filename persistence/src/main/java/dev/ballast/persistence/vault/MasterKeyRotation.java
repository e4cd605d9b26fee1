package dev.ballast.persistence.vault;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code secrets rotate-master} for a key file: the new version is added to the file first (so a
 * crash at any point leaves every secret openable), every secret is re-sealed with it in one
 * transaction, and then the old versions are dropped from the file.
 */
public final class MasterKeyRotation {
  /** The outcome: the version now in use and how many secrets were re-sealed. */
  public record Rotated(int fromVersion, int toVersion, int resealed) {}

  private MasterKeyRotation() {}

  public static Rotated rotateKeyFile(SecretVault vault, Path keyFile, String actor, Instant at) throws IOException {
    MasterKeyring before = MasterKeySource.readKeyFile(keyFile);
    int next = before.currentVersion() + 1;
    byte[] fresh = MasterKeySource.newKey();
    Map<Integer, byte[]> both = new LinkedHashMap<>();
    for (int v : before.versions()) {
      both.put(v, before.version(v).orElseThrow().getEncoded());
    }
    both.put(next, fresh);
    MasterKeySource.writeKeyFile(keyFile, both);
    MasterKeyring during = MasterKeySource.readKeyFile(keyFile);
    int resealed = vault.reseal(during, actor, at);
    MasterKeySource.writeKeyFile(keyFile, Map.of(next, fresh));
    vault.reseal(MasterKeySource.readKeyFile(keyFile), actor, at);
    return new Rotated(before.currentVersion(), next, resealed);
  }
}
