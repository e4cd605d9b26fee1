package dev.ballast.api.ws;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * One subscriber's conflating buffer of {@link LiveHub} frames: the hub puts a frame in (a map put
 * under this outbox's own lock, and a wake-up when the subscriber was waiting), the subscriber's
 * stream takes the oldest pending key's latest frame when it has demand. What waits here is at
 * most one frame per topic and key, however slow the subscriber, and the hub never waits for it.
 */
final class LiveOutbox {
  // insertion order = the order keys became pending; a replaced frame keeps its key's place
  private final LinkedHashMap<String, LiveHub.Frame> pending = new LinkedHashMap<>();
  // what the hub has this outbox under, so that closing it removes it from each
  final Set<String> entries = ConcurrentHashMap.newKeySet();
  private boolean waiting;
  private boolean closed;
  private AsyncCallback<NotUsed> wake;
  private long conflated;

  /** Called on the hub's thread: keep the frame as its key's latest, wake the subscriber if it waits. */
  void offer(LiveHub.Frame frame) {
    AsyncCallback<NotUsed> toWake = null;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (pending.put(frame.update().conflationKey(), frame) != null) {
        conflated++;
      }
      if (waiting) {
        waiting = false;
        toWake = wake;
      }
    }
    if (toWake != null) {
      toWake.invoke(NotUsed.getInstance());
    }
  }

  /** The oldest pending key's frame, or null; a null marks the subscriber as waiting for the next offer. */
  private synchronized LiveHub.Frame take() {
    if (pending.isEmpty()) {
      waiting = true;
      return null;
    }
    Iterator<Map.Entry<String, LiveHub.Frame>> it = pending.entrySet().iterator();
    while (it.hasNext()) {
      LiveHub.Frame frame = it.next().getValue();
      it.remove();
      // unsubscribed since the hub put it here: an unsubscription ends the updates at once
      if (entries.contains(frame.update().conflationKey()) || entries.contains(frame.update().topic() + "\u0000*")) {
        return frame;
      }
    }
    waiting = true;
    return null;
  }

  synchronized int pendingKeys() {
    return pending.size();
  }

  /** Frames replaced by a newer one of their key before the subscriber took them. */
  synchronized long conflated() {
    return conflated;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  private synchronized void close() {
    closed = true;
    pending.clear();
  }

  /**
   * The subscriber's side: a source of this outbox's frames that ends with {@code onClose} run
   * (the hub forgets the outbox). Materialize it once.
   */
  Source<LiveHub.Frame, NotUsed> source(Runnable onClose) {
    return Source.fromGraph(new Stage(onClose));
  }

  private final class Stage extends GraphStage<SourceShape<LiveHub.Frame>> {
    private final Outlet<LiveHub.Frame> out = Outlet.create("LiveOutbox.out");
    private final SourceShape<LiveHub.Frame> shape = SourceShape.of(out);
    private final Runnable onClose;

    Stage(Runnable onClose) {
      this.onClose = onClose;
    }

    @Override
    public SourceShape<LiveHub.Frame> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes inheritedAttributes) {
      return new GraphStageLogic(shape) {
        {
          setHandler(out, new AbstractOutHandler() {
            @Override
            public void onPull() {
              LiveHub.Frame frame = take();
              if (frame != null) {
                push(out, frame);
              }
            }
          });
        }

        @Override
        public void preStart() {
          AsyncCallback<NotUsed> callback = createAsyncCallback(x -> {
            if (isAvailable(out)) {
              LiveHub.Frame frame = take();
              if (frame != null) {
                push(out, frame);
              }
            }
          });
          synchronized (LiveOutbox.this) {
            wake = callback;
          }
        }

        @Override
        public void postStop() {
          close();
          onClose.run();
        }
      };
    }
  }
}
