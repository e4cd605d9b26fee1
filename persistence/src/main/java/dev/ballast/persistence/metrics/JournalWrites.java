package dev.ballast.persistence.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.ExtensionIdProvider;

/**
 * The journal's writes as the journal DAO saw them, per actor system (so two servers in one JVM
 * keep their own figures): batches, events and failures, and each batch's time in the database to
 * whoever listens (the server's Prometheus timer).
 */
public final class JournalWrites implements Extension {
  /** Told of each batch the DAO wrote or failed to write. */
  @FunctionalInterface
  public interface Listener {
    void written(int events, long nanos, boolean failed);
  }

  private static final Id ID = new Id();
  private final LongAdder batches = new LongAdder();
  private final LongAdder events = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder nanos = new LongAdder();
  private volatile Listener listener = (n, t, f) -> {};

  public static JournalWrites get(ActorSystem system) {
    return ID.get(system);
  }

  /** One batch of {@code count} events that took {@code took} nanoseconds in the database. */
  public void record(int count, long took, boolean failed) {
    batches.increment();
    nanos.add(took);
    if (failed) {
      failures.increment();
    } else {
      events.add(count);
    }
    listener.written(count, took, failed);
  }

  public void listen(Listener l) {
    this.listener = l;
  }

  /** Events written since the system started (a failed batch's events are not counted). */
  public long events() {
    return events.sum();
  }

  public long batches() {
    return batches.sum();
  }

  public long failures() {
    return failures.sum();
  }

  public long nanos() {
    return nanos.sum();
  }

  private static final class Id extends AbstractExtensionId<JournalWrites> implements ExtensionIdProvider {
    @Override
    public JournalWrites createExtension(ExtendedActorSystem system) {
      return new JournalWrites();
    }

    @Override
    public Id lookup() {
      return ID;
    }
  }
}
