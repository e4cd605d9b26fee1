package dev.ballast.engine.account;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.ballast.engine.model.ExternalRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import scala.Option;
import scala.Tuple2;
import scala.collection.immutable.HashMap;
import scala.collection.immutable.HashMap$;
import scala.collection.mutable.ReusableBuilder;

/**
 * Every source + external id an account has recorded, with the sequence number of the transaction
 * it became. A persistent hash map, so remembering one more id does not copy the others (an account
 * may hold hundreds of thousands).
 *
 * <p>Its JSON form groups the ids by source, in the order they were recorded:
 * {@code {"binance-api": {"ids": ["T-1001", ...], "sequences": [1, ...]}}}. The ids are values, not
 * object keys: a parser interns every key it meets, and 100k distinct keys made reading a snapshot
 * several times slower.
 */
@JsonDeserialize(using = RecordedRefs.Reader.class)
public final class RecordedRefs {
  private static final RecordedRefs EMPTY = new RecordedRefs(HashMap$.MODULE$.empty());
  private final HashMap<String, Long> byKey;

  /** The ids of one source and the sequence numbers they were recorded under, position by position. */
  public record SourceIds(List<String> ids, List<Long> sequences) {}

  private RecordedRefs(HashMap<String, Long> byKey) {
    this.byKey = byKey;
  }

  public static RecordedRefs empty() {
    return EMPTY;
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
  public Map<String, SourceIds> bySource() {
    Map<String, List<Map.Entry<String, Long>>> grouped = new TreeMap<>();
    byKey.foreachEntry((key, sequence) -> {
      ExternalRef ref = ExternalRef.fromKey(key);
      grouped.computeIfAbsent(ref.source(), s -> new ArrayList<>()).add(Map.entry(ref.externalId(), sequence));
      return null;
    });
    Map<String, SourceIds> out = new TreeMap<>();
    grouped.forEach((source, entries) -> {
      entries.sort(Map.Entry.comparingByValue());
      out.put(source, new SourceIds(entries.stream().map(Map.Entry::getKey).toList(), entries.stream().map(Map.Entry::getValue).toList()));
    });
    return out;
  }

  /** Reads the JSON form token by token straight into one builder. */
  static final class Reader extends StdDeserializer<RecordedRefs> {
    private static final long serialVersionUID = 1L;

    Reader() {
      super(RecordedRefs.class);
    }

    @Override
    public RecordedRefs deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      expect(p, ctxt, p.currentToken(), JsonToken.START_OBJECT);
      ReusableBuilder<Tuple2<String, Long>, HashMap<String, Long>> builder = HashMap$.MODULE$.newBuilder();
      for (String source = p.nextFieldName(); source != null; source = p.nextFieldName()) {
        expect(p, ctxt, p.nextToken(), JsonToken.START_OBJECT);
        List<String> ids = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
          expect(p, ctxt, p.nextToken(), JsonToken.START_ARRAY);
          for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (field.equals("ids")) {
              ids.add(p.getText());
            } else if (field.equals("sequences")) {
              sequences.add(p.getLongValue());
            } else {
              p.skipChildren();
            }
          }
        }
        if (ids.size() != sequences.size()) {
          throw ctxt.weirdStringException(source, RecordedRefs.class, ids.size() + " ids but " + sequences.size() + " sequences");
        }
        String prefix = ExternalRef.keyPrefix(source);
        for (int i = 0; i < ids.size(); i++) {
          builder.addOne(new Tuple2<>(prefix + ids.get(i), sequences.get(i)));
        }
      }
      return new RecordedRefs(builder.result());
    }

    private static void expect(JsonParser p, DeserializationContext ctxt, JsonToken actual, JsonToken expected) throws IOException {
      if (actual != expected) {
        ctxt.reportWrongTokenException(RecordedRefs.class, expected, "recorded refs: expected " + expected + ", got " + actual);
      }
    }
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
