package dev.ballast.adapters.bitcoin;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Base58 with the 4-byte double-SHA-256 checksum, as Bitcoin writes keys and legacy addresses. */
final class Base58 {
  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);

  private Base58() {}

  static String encodeChecked(byte[] payload) {
    byte[] check = Arrays.copyOf(doubleSha(payload), 4);
    byte[] all = Arrays.copyOf(payload, payload.length + 4);
    System.arraycopy(check, 0, all, payload.length, 4);
    StringBuilder sb = new StringBuilder();
    BigInteger n = new BigInteger(1, all);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(BASE);
      sb.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    for (int i = 0; i < all.length && all[i] == 0; i++) {
      sb.append('1');
    }
    return sb.reverse().toString();
  }

  static byte[] decodeChecked(String text) {
    BigInteger n = BigInteger.ZERO;
    for (char c : text.toCharArray()) {
      int digit = ALPHABET.indexOf(c);
      if (digit < 0) {
        throw new IllegalArgumentException("'" + c + "' is not a base58 character");
      }
      n = n.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    byte[] bytes = n.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    byte[] all = new byte[zeros + bytes.length];
    System.arraycopy(bytes, 0, all, zeros, bytes.length);
    if (all.length < 5) {
      throw new IllegalArgumentException("too short for base58check");
    }
    byte[] payload = Arrays.copyOf(all, all.length - 4);
    if (!Arrays.equals(Arrays.copyOf(doubleSha(payload), 4), Arrays.copyOfRange(all, all.length - 4, all.length))) {
      throw new IllegalArgumentException("the base58 checksum does not match (a typo?)");
    }
    return payload;
  }

  private static byte[] doubleSha(byte[] data) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return sha.digest(sha.digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
