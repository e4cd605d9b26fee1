package dev.ballast.persistence.readside;

import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * An event the read side cannot apply: not a passing failure of the database but something about the
 * event itself (a key it breaks, a value it cannot store, a type no handler knows). Its slice stops
 * there, so that no later event of the slice is applied over the gap; the other slices go on.
 */
public final class EventNotApplied extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long offset;
  private final String persistenceId;
  private final long sequenceNr;
  private final String eventType;

  public EventNotApplied(EventEnvelope<?> envelope, Throwable cause) {
    super("cannot apply " + envelope.event().getClass().getSimpleName() + " " + envelope.persistenceId() + " #"
        + envelope.sequenceNr() + " (offset " + offsetOf(envelope) + "): " + reason(cause), cause);
    this.offset = offsetOf(envelope);
    this.persistenceId = envelope.persistenceId();
    this.sequenceNr = envelope.sequenceNr();
    this.eventType = envelope.event().getClass().getSimpleName();
  }

  /** The journal ordering of the event, as the offset store counts. */
  public long offset() {
    return offset;
  }

  public String persistenceId() {
    return persistenceId;
  }

  public long sequenceNr() {
    return sequenceNr;
  }

  public String eventType() {
    return eventType;
  }

  /** What went wrong, without the event: the cause's message and type. */
  public String reason() {
    return reason(getCause());
  }

  static long offsetOf(EventEnvelope<?> envelope) {
    return envelope.offset() instanceof Sequence s ? s.value() : -1;
  }

  private static String reason(Throwable cause) {
    if (cause == null) {
      return "unknown";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
