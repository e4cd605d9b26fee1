package dev.ballast.engine.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.ballast.engine.model.ExternalRef;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import scala.Option;
import scala.collection.immutable.HashMap;
import scala.collection.immutable.HashMap$;

/**
 * Every source + external id an account has recorded, with the id the ledger gave it. A persistent
 * hash map, so remembering one more id does not copy the others (an account may hold many
 * thousands); its JSON form is a plain object, sorted for a stable snapshot.
 */
public final class RecordedRefs {
  private static final RecordedRefs EMPTY = new RecordedRefs(HashMap$.MODULE$.empty());
  private final HashMap<String, String> byKey;

  private RecordedRefs(HashMap<String, String> byKey) {
    this.byKey = byKey;
  }

  public static RecordedRefs empty() {
    return EMPTY;
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static RecordedRefs of(Map<String, String> byKey) {
    HashMap<String, String> m = HashMap$.MODULE$.empty();
    for (Map.Entry<String, String> e : byKey.entrySet()) {
      m = m.updated(e.getKey(), e.getValue());
    }
    return new RecordedRefs(m);
  }

  public RecordedRefs with(ExternalRef ref, String transactionId) {
    return new RecordedRefs(byKey.updated(ref.key(), transactionId));
  }

  /** The id of the transaction recorded under this reference, if any. */
  public Optional<String> find(ExternalRef ref) {
    Option<String> found = byKey.get(ref.key());
    return found.isDefined() ? Optional.of(found.get()) : Optional.empty();
  }

  public int size() {
    return byKey.size();
  }

  @JsonValue
  public Map<String, String> asMap() {
    Map<String, String> out = new TreeMap<>();
    byKey.foreachEntry((k, v) -> {
      out.put(k, v);
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
