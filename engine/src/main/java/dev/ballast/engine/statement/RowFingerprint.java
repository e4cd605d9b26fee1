package dev.ballast.engine.statement;

import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The external id of a row whose format has no id of its own: a hash of the normalised transaction
 * plus how many times that same content occurred before it in the file, so two identical rows stay
 * two records and a later export that repeats them yields the same ids.
 */
public final class RowFingerprint {
  private static final HexFormat HEX = HexFormat.of();

  private final Occurrences occurrences = new Occurrences();
  private final MessageDigest digest;

  /** A fresh counter: one per file read. */
  public RowFingerprint() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** The id for this transaction (its own source and external id are ignored), counting it as seen. */
  public String externalId(Transaction tx) {
    byte[] hash = digest.digest(canonical(tx).getBytes(StandardCharsets.UTF_8));
    long key = 0;
    for (int i = 0; i < 8; i++) {
      key = (key << 8) | (hash[i] & 0xff);
    }
    int occurrence = occurrences.next(key);
    return HEX.formatHex(hash, 0, 16) + "-" + occurrence;
  }

  /** The transaction written out field by field, numbers without trailing zeros (1.50 and 1.5 are one row). */
  static String canonical(Transaction tx) {
    StringBuilder sb = new StringBuilder(160);
    sb.append(tx.type()).append('|').append(tx.timestamp()).append('|').append(tx.asset()).append('|')
        .append(tx.quantity() == null ? "" : plain(tx.quantity().value())).append('|');
    if (tx.price() != null) {
      sb.append(plain(tx.price().value())).append(' ').append(tx.price().currency());
    }
    sb.append('|').append(money(tx.amount())).append('|').append(money(tx.fee())).append('|').append(money(tx.tax()))
        .append('|').append(plain(tx.fxRate())).append('|').append(tx.transferId() == null ? "" : tx.transferId())
        .append('|').append(plain(tx.splitRatio())).append('|').append(tx.note() == null ? "" : tx.note());
    return sb.toString();
  }

  private static String money(Money money) {
    return money == null ? "" : plain(money.amount()) + " " + money.currency();
  }

  private static String plain(BigDecimal value) {
    return value == null ? "" : value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  /**
   * Counts keys in an open-addressing table of longs: a million distinct rows take about 40 MB
   * instead of the hundreds a map of strings would. A key that two rows share by a 64-bit collision
   * only makes the second one's count higher, which keeps its id unique and stable.
   */
  static final class Occurrences {
    private long[] keys = new long[1024];
    private int[] counts = new int[1024];
    private int zeroCount;
    private int size;

    int next(long key) {
      if (key == 0) {
        return ++zeroCount;
      }
      if (size * 2 >= keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int i = (int) (key ^ (key >>> 32)) & mask;
      while (keys[i] != 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      if (keys[i] == 0) {
        keys[i] = key;
        size++;
      }
      return ++counts[i];
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldCounts = counts;
      keys = new long[oldKeys.length * 2];
      counts = new int[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldKeys[j] != 0) {
          int i = (int) (oldKeys[j] ^ (oldKeys[j] >>> 32)) & mask;
          while (keys[i] != 0) {
            i = (i + 1) & mask;
          }
          keys[i] = oldKeys[j];
          counts[i] = oldCounts[j];
        }
      }
    }
  }
}
