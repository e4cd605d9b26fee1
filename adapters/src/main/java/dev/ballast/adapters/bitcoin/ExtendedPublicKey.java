package dev.ballast.adapters.bitcoin;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A BIP32 extended public key (xpub, ypub, zpub) and its non-hardened children (CKDpub), and the
 * address of a key in the script its version names: P2PKH (xpub, BIP44), P2SH-P2WPKH (ypub,
 * BIP49), P2WPKH (zpub, BIP84).
 */
public record ExtendedPublicKey(int version, int depth, byte[] parentFingerprint, int childNumber, byte[] chainCode, byte[] key) {
  public static final int XPUB = 0x0488B21E;
  public static final int YPUB = 0x049D7CB2;
  public static final int ZPUB = 0x04B24746;
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

  public static ExtendedPublicKey parse(String text) {
    byte[] raw = Base58.decodeChecked(text.trim());
    if (raw.length != 78) {
      throw new IllegalArgumentException("an extended public key has 78 bytes, this one " + raw.length);
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    int version = b.getInt();
    if (version != XPUB && version != YPUB && version != ZPUB) {
      throw new IllegalArgumentException("not a mainnet xpub, ypub or zpub (version " + Integer.toHexString(version) + ")");
    }
    int depth = b.get() & 0xff;
    byte[] fingerprint = new byte[4];
    b.get(fingerprint);
    int child = b.getInt();
    byte[] chain = new byte[32];
    b.get(chain);
    byte[] key = new byte[33];
    b.get(key);
    if (key[0] != 2 && key[0] != 3) {
      throw new IllegalArgumentException("the key of an extended public key must be a compressed point");
    }
    CURVE.getCurve().decodePoint(key);
    return new ExtendedPublicKey(version, depth, fingerprint, child, chain, key);
  }

  /** CKDpub: the non-hardened child {@code index}. */
  public ExtendedPublicKey child(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("a hardened child cannot be derived from a public key");
    }
    byte[] data = ByteBuffer.allocate(37).put(key).putInt(index).array();
    byte[] i;
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(chainCode, "HmacSHA512"));
      i = mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    BigInteger il = new BigInteger(1, Arrays.copyOfRange(i, 0, 32));
    if (il.compareTo(CURVE.getN()) >= 0) {
      throw new IllegalStateException("child " + index + " is invalid (BIP32: proceed with the next index)");
    }
    ECPoint point = CURVE.getG().multiply(il).add(CURVE.getCurve().decodePoint(key)).normalize();
    if (point.isInfinity()) {
      throw new IllegalStateException("child " + index + " is invalid (BIP32: proceed with the next index)");
    }
    return new ExtendedPublicKey(version, depth + 1, Arrays.copyOf(hash160(key), 4), index, Arrays.copyOfRange(i, 32, 64), point.getEncoded(true));
  }

  public String serialize() {
    ByteBuffer b = ByteBuffer.allocate(78).putInt(version).put((byte) depth).put(parentFingerprint).putInt(childNumber).put(chainCode).put(key);
    return Base58.encodeChecked(b.array());
  }

  /** The mainnet address of this key in its version's script. */
  public String address() {
    byte[] h = hash160(key);
    if (version == ZPUB) {
      return Bech32.segwitAddress("bc", 0, h);
    }
    if (version == YPUB) {
      ByteArrayOutputStream redeem = new ByteArrayOutputStream();
      redeem.write(0x00);
      redeem.write(0x14);
      redeem.writeBytes(h);
      return Base58.encodeChecked(prefixed((byte) 0x05, hash160(redeem.toByteArray())));
    }
    return Base58.encodeChecked(prefixed((byte) 0x00, h));
  }

  private static byte[] prefixed(byte prefix, byte[] h) {
    byte[] out = new byte[h.length + 1];
    out[0] = prefix;
    System.arraycopy(h, 0, out, 1, h.length);
    return out;
  }

  static byte[] hash160(byte[] data) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(data);
      RIPEMD160Digest ripemd = new RIPEMD160Digest();
      ripemd.update(sha, 0, sha.length);
      byte[] out = new byte[20];
      ripemd.doFinal(out, 0);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExtendedPublicKey k && k.version == version && k.depth == depth && Arrays.equals(k.parentFingerprint, parentFingerprint)
        && k.childNumber == childNumber && Arrays.equals(k.chainCode, chainCode) && Arrays.equals(k.key, key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return serialize();
  }
}
