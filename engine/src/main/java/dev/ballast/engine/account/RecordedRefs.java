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
import scala.collection.immutable.Vector;
import scala.collection.immutable.Vector$;
import scala.collection.mutable.ReusableBuilder;

/**
 * Every source + external id an account has recorded, with the sequence number of the transaction
 * it became. Persistent collections, so remembering one more id does not copy the others (an
 * account may hold hundreds of thousands): a hash map for the lookup, and the references in the
 * order they were recorded, so that writing the JSON form (every snapshot does) is one pass with
 * no sorting and no key parsing.
 *
 * <p>Its JSON form groups the ids by source, in the order they were recorded:
 * {@code {"binance-api": {"ids": ["T-1001", ...], "sequences": [1, ...]}}}. The ids are values, not
 * object keys: a parser interns every key it meets, and 100k distinct keys made reading a snapshot
 * several times slower.
 */
@JsonDeserialize(using = RecordedRefs.Reader.class)
public final class RecordedRefs {
  private static final RecordedRefs EMPTY = new RecordedRefs(HashMap$.MODULE$.empty(), Vector$.MODULE$.empty());
  private final HashMap<String, Long> byKey;
  private final Vector<Recorded> inOrder;

  /** The ids of one source and the sequence numbers they were recorded under, position by position. */
  public record SourceIds(List<String> ids, List<Long> sequences) {}

  private record Recorded(ExternalRef ref, long sequence) {}

  private RecordedRefs(HashMap<String, Long> byKey, Vector<Recorded> inOrder) {
    this.byKey = byKey;
    this.inOrder = inOrder;
  }

  public static RecordedRefs empty() {
    return EMPTY;
  }

  /**
   * One more reference, recorded after every one already here (the ledger gives each transaction
   * the next sequence number and never records a reference twice; were one given twice, the later
   * sequence would win, in the map and when the JSON form is read back).
   */
  public RecordedRefs with(ExternalRef ref, long sequence) {
    return new RecordedRefs(byKey.updated(ref.key(), sequence), append(inOrder, new Recorded(ref, sequence)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Vector<Recorded> append(Vector<Recorded> vector, Recorded recorded) {
    // through the interface: javac sees Vector's own appended and the one it overrides as two methods
    return (Vector<Recorded>) ((scala.collection.SeqOps) vector).appended(recorded);
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
    Map<String, List<String>> ids = new TreeMap<>();
    Map<String, List<Long>> sequences = new java.util.HashMap<>();
    inOrder.foreach(recorded -> {
      String source = recorded.ref().source();
      List<String> sourceIds = ids.get(source);
      if (sourceIds == null) {
        sourceIds = new ArrayList<>();
        ids.put(source, sourceIds);
        sequences.put(source, new ArrayList<>());
      }
      sourceIds.add(recorded.ref().externalId());
      sequences.get(source).add(recorded.sequence());
      return null;
    });
    Map<String, SourceIds> out = new TreeMap<>();
    ids.forEach((source, sourceIds) -> out.put(source, new SourceIds(sourceIds, sequences.get(source))));
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
      List<Recorded> read = new ArrayList<>();
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
        for (int i = 0; i < ids.size(); i++) {
          read.add(new Recorded(new ExternalRef(source, ids.get(i)), sequences.get(i)));
        }
      }
      // each source's ids are in order already; merging the sources is one sort of nearly sorted runs
      read.sort(java.util.Comparator.comparingLong(Recorded::sequence));
      ReusableBuilder<Tuple2<String, Long>, HashMap<String, Long>> byKey = HashMap$.MODULE$.newBuilder();
      scala.collection.mutable.Builder<Recorded, Vector<Recorded>> inOrder = Vector$.MODULE$.newBuilder();
      for (Recorded r : read) {
        byKey.addOne(new Tuple2<>(r.ref().key(), r.sequence()));
        inOrder.addOne(r);
      }
      return new RecordedRefs(byKey.result(), inOrder.result());
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
