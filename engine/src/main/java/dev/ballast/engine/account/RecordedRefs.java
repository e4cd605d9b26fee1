package dev.ballast.engine.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.ballast.engine.model.ExternalRef;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import scala.Option;
import scala.Tuple2;
import scala.collection.mutable.ReusableBuilder;
import scala.collection.immutable.HashMap;
import scala.collection.immutable.HashMap$;

/**
 * Every source + external id an account has recorded, with the sequence number of the transaction
 * it became. A persistent hash map, so remembering one more id does not copy the others (an account
 * may hold hundreds of thousands). Its JSON form groups the ids by source
 * ({@code {"binance-api": {"T-1001": 1, ...}}}), sorted, so a snapshot is small and stable.
 */
public final class RecordedRefs {
  private static final RecordedRefs EMPTY = new RecordedRefs(HashMap$.MODULE$.empty());
  private final HashMap<String, Long> byKey;

  private RecordedRefs(HashMap<String, Long> byKey) {
    this.byKey = byKey;
  }

  public static RecordedRefs empty() {
    return EMPTY;
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static RecordedRefs of(Map<String, Map<String, Long>> bySource) {
    // one builder instead of one persistent update per id: reading a snapshot of 100k ids stays fast
    ReusableBuilder<Tuple2<String, Long>, HashMap<String, Long>> builder = HashMap$.MODULE$.newBuilder();
    for (Map.Entry<String, Map<String, Long>> source : bySource.entrySet()) {
      for (Map.Entry<String, Long> id : source.getValue().entrySet()) {
        builder.addOne(new Tuple2<>(new ExternalRef(source.getKey(), id.getKey()).key(), id.getValue()));
      }
    }
    return new RecordedRefs(builder.result());
  }

  public RecordedRefs with(ExternalRef ref, long sequence) {
    return new RecordedRefs(byKey.updated(ref.key(), sequence));
  }

  /** The sequence number of the transaction recorded under this reference, if any. */
  public OptionalLong find(ExternalRef ref) {
    Option<Long> found = byKey.get(ref.key());
    return found.isDefined() ? OptionalLong.of(found.get()) : OptionalLong.empty();
  }

  public int size() {
    return byKey.size();
  }

  @JsonValue
  public Map<String, Map<String, Long>> asMap() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    byKey.foreachEntry((key, sequence) -> {
      ExternalRef ref = ExternalRef.fromKey(key);
      out.computeIfAbsent(ref.source(), s -> new TreeMap<>()).put(ref.externalId(), sequence);
      return null;
    });
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordedRefs other && byKey.equals(other.byKey);
  }

  @Override
  public int hashCode() {
    return byKey.hashCode();
  }
}
