package dev.ballast.persistence.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over one secret: a fresh random 96-bit nonce per sealing and the account id (with the
 * key version) as associated data, so a sealed value copied to another account's row, or
 * relabelled with another version, fails to open instead of opening as the other account's key.
 */
public final class SecretCipher {
  public static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A sealed value: the nonce and the ciphertext with its tag. */
  public record Sealed(int keyVersion, byte[] nonce, byte[] ciphertext) {}

  private SecretCipher() {}

  static byte[] associatedData(String accountId, int keyVersion) {
    return ("ballast-vault/v1/" + keyVersion + "/" + accountId).getBytes(StandardCharsets.UTF_8);
  }

  public static Sealed seal(MasterKeyring keys, String accountId, byte[] plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    int version = keys.currentVersion();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(accountId, version));
      return new Sealed(version, nonce, cipher.doFinal(plain));
    } catch (GeneralSecurityException e) {
      throw new VaultException("the secret of " + accountId + " could not be sealed: " + e.getClass().getSimpleName(), e);
    }
  }

  public static byte[] open(MasterKeyring keys, String accountId, Sealed sealed) {
    SecretKey key = keys.version(sealed.keyVersion()).orElseThrow(() -> new VaultException(
        "the secret of " + accountId + " is sealed with master key version " + sealed.keyVersion() + ", which " + keys.origin()
            + " does not hold (it has " + keys.versions() + ")"));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
      cipher.updateAAD(associatedData(accountId, sealed.keyVersion()));
      return cipher.doFinal(sealed.ciphertext());
    } catch (AEADBadTagException e) {
      throw new VaultException("the secret of " + accountId + " does not open with master key version " + sealed.keyVersion()
          + ": a wrong master key, or the row was altered or belongs to another account");
    } catch (GeneralSecurityException e) {
      throw new VaultException("the secret of " + accountId + " could not be opened: " + e.getClass().getSimpleName(), e);
    }
  }
}
