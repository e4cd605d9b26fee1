package dev.ballast.engine.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * The read side's split of entities into a fixed number of slices: an entity's events carry the tag
 * {@code prefix-K}, and each slice has its own projection instance.
 *
 * <p>K is the CRC-32 (IEEE 802.3, as {@link CRC32} computes it) of the entity id's UTF-8 bytes,
 * modulo the count. That checksum is a published standard, so the slice of an id is the same on
 * every JVM, platform and release; it must be, because a tag is written into the journal once and
 * never again. The count itself is fixed at the first start of a database for the same reason.
 */
public record Slices(int count) {
  /** More slices than this would only add idle projections. */
  public static final int MAX = 256;

  public Slices {
    if (count < 1 || count > MAX) {
      throw new IllegalArgumentException("the number of read-side slices must be 1 to " + MAX + ", got " + count);
    }
  }

  /** The slice, 0 to count - 1, of an entity id. */
  public int of(String entityId) {
    CRC32 crc = new CRC32();
    crc.update(entityId.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % count);
  }

  /** The tag of an entity's events, e.g. {@code account-3}. */
  public String tag(String prefix, String entityId) {
    return tag(prefix, of(entityId));
  }

  public static String tag(String prefix, int slice) {
    return prefix + "-" + slice;
  }

  /** Every tag of this split, in slice order. */
  public List<String> tags(String prefix) {
    return IntStream.range(0, count).mapToObj(i -> tag(prefix, i)).toList();
  }
}
