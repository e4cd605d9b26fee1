package dev.ballast.adapters.bitcoin;

import java.io.ByteArrayOutputStream;

/** BIP173 bech32 for segwit version 0 addresses (P2WPKH). */
final class Bech32 {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  private Bech32() {}

  static String segwitAddress(String hrp, int witnessVersion, byte[] program) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write(witnessVersion);
    int acc = 0;
    int bits = 0;
    for (byte b : program) {
      acc = (acc << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        data.write((acc >> bits) & 31);
      }
    }
    if (bits > 0) {
      data.write((acc << (5 - bits)) & 31);
    }
    byte[] values = data.toByteArray();
    int[] check = checksum(hrp, values);
    StringBuilder sb = new StringBuilder(hrp).append('1');
    for (byte v : values) {
      sb.append(CHARSET.charAt(v));
    }
    for (int c : check) {
      sb.append(CHARSET.charAt(c));
    }
    return sb.toString();
  }

  private static int polymod(int[] values) {
    int chk = 1;
    for (int v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= GENERATOR[i];
        }
      }
    }
    return chk;
  }

  private static int[] checksum(String hrp, byte[] data) {
    int[] values = new int[hrp.length() * 2 + 1 + data.length + 6];
    int k = 0;
    for (char c : hrp.toCharArray()) {
      values[k++] = c >> 5;
    }
    values[k++] = 0;
    for (char c : hrp.toCharArray()) {
      values[k++] = c & 31;
    }
    for (byte d : data) {
      values[k++] = d;
    }
    int mod = polymod(values) ^ 1;
    int[] out = new int[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (mod >>> (5 * (5 - i))) & 31;
    }
    return out;
  }
}
