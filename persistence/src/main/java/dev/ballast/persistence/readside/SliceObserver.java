package dev.ballast.persistence.readside;

import java.time.Instant;
import java.util.function.Consumer;
import org.apache.pekko.projection.HandlerRecoveryStrategy;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.StatusObserver;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/** Keeps a slice's {@link SliceStatus} up to date and reports an event it cannot apply to its slice. */
final class SliceObserver<E> extends StatusObserver<EventEnvelope<E>> {
  private final ReadSideStatus status;
  private final Consumer<EventNotApplied> onNotApplied;

  SliceObserver(ReadSideStatus status, Consumer<EventNotApplied> onNotApplied) {
    this.status = status;
    this.onNotApplied = onNotApplied;
  }

  @Override
  public void started(ProjectionId id) {
    status.update(id, s -> s.state() == SliceStatus.State.STOPPED ? s : s.with(SliceStatus.State.RUNNING));
  }

  @Override
  public void failed(ProjectionId id, Throwable cause) {
    EventNotApplied notApplied = notApplied(cause);
    if (notApplied != null) {
      status.update(id, s -> s.failed(SliceStatus.State.STOPPED, failure(notApplied)));
      onNotApplied.accept(notApplied);
    } else {
      status.update(id, s -> s.state() == SliceStatus.State.STOPPED ? s
          : s.failed(SliceStatus.State.RESTARTING, new SliceStatus.Failure(-1, null, -1, null, reason(cause), Instant.now())));
    }
  }

  @Override
  public void stopped(ProjectionId id) {
    status.update(id, s -> switch (s.state()) {
      case STOPPED, RESTARTING -> s;
      default -> s.with(SliceStatus.State.ENDED);
    });
  }

  @Override
  public void beforeProcess(ProjectionId id, EventEnvelope<E> envelope) {
    // nothing to note before the writes
  }

  @Override
  public void afterProcess(ProjectionId id, EventEnvelope<E> envelope) {
    // the offset progress says the same once per group
  }

  @Override
  public void offsetProgress(ProjectionId id, EventEnvelope<E> envelope) {
    long offset = EventNotApplied.offsetOf(envelope);
    status.update(id, s -> {
      SliceStatus moved = s.committed(offset);
      return moved.state() == SliceStatus.State.STOPPED ? moved : moved.with(SliceStatus.State.RUNNING);
    });
  }

  @Override
  public void error(ProjectionId id, EventEnvelope<E> envelope, Throwable cause, HandlerRecoveryStrategy strategy) {
    EventNotApplied notApplied = notApplied(cause);
    SliceStatus.Failure failure = notApplied != null ? failure(notApplied)
        : new SliceStatus.Failure(EventNotApplied.offsetOf(envelope), envelope.persistenceId(), envelope.sequenceNr(),
            envelope.event().getClass().getSimpleName(), reason(cause), Instant.now());
    status.update(id, s -> s.state() == SliceStatus.State.STOPPED ? s : s.failed(SliceStatus.State.RETRYING, failure));
  }

  private static SliceStatus.Failure failure(EventNotApplied e) {
    return new SliceStatus.Failure(e.offset(), e.persistenceId(), e.sequenceNr(), e.eventType(), e.reason(), Instant.now());
  }

  private static EventNotApplied notApplied(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof EventNotApplied e) {
        return e;
      }
    }
    return null;
  }

  private static String reason(Throwable cause) {
    return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
