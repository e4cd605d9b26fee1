package dev.ballast.engine.marketdata.live;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * A stage that never backpressures its upstream and keeps, per key, only the latest element not
 * yet taken downstream: memory is bounded by the number of keys, and downstream sees the latest
 * value of each key in the order the keys first became pending. The conflated and pending counts
 * go to {@code counters}.
 */
public final class ConflateByKey<K, V> extends GraphStage<FlowShape<V, V>> {

  /** Where the stage reports what it did; called on the stage's own thread. */
  public interface Counters {
    void conflated();

    void pending(int keys);

    Counters NONE =
        new Counters() {
          @Override
          public void conflated() {}

          @Override
          public void pending(int keys) {}
        };
  }

  private final Function<V, K> key;
  private final Counters counters;
  private final Inlet<V> in = Inlet.create("ConflateByKey.in");
  private final Outlet<V> out = Outlet.create("ConflateByKey.out");
  private final FlowShape<V, V> shape = FlowShape.of(in, out);

  public ConflateByKey(Function<V, K> key, Counters counters) {
    this.key = Objects.requireNonNull(key);
    this.counters = Objects.requireNonNull(counters);
  }

  @Override
  public FlowShape<V, V> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes inheritedAttributes) {
    return new GraphStageLogic(shape) {
      // insertion order = the order keys became pending; a replaced value keeps its key's place
      private final LinkedHashMap<K, V> pending = new LinkedHashMap<>();

      {
        setHandler(
            in,
            new AbstractInHandler() {
              @Override
              public void onPush() {
                V value = grab(in);
                if (pending.isEmpty() && isAvailable(out)) {
                  push(out, value);
                } else if (pending.put(key.apply(value), value) != null) {
                  counters.conflated();
                }
                counters.pending(pending.size());
                pull(in);
              }

              @Override
              public void onUpstreamFinish() {
                if (pending.isEmpty()) {
                  completeStage();
                }
              }
            });
        setHandler(
            out,
            new AbstractOutHandler() {
              @Override
              public void onPull() {
                if (!pending.isEmpty()) {
                  Iterator<Map.Entry<K, V>> first = pending.entrySet().iterator();
                  V value = first.next().getValue();
                  first.remove();
                  counters.pending(pending.size());
                  push(out, value);
                }
                if (pending.isEmpty() && isClosed(in)) {
                  completeStage();
                }
              }
            });
      }

      @Override
      public void preStart() {
        pull(in);
      }
    };
  }
}
