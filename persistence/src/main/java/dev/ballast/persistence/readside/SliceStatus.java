package dev.ballast.persistence.readside;

import java.time.Instant;

/**
 * What one slice's projection is doing on this node: running, retrying or restarting after a
 * failure, or stopped on an event it cannot apply (the event and the reason named).
 *
 * @param offset the journal ordering of the last event whose writes this slice committed
 * @param failure the last failure, or null; with {@link State#STOPPED} the event it stopped on
 */
public record SliceStatus(String projection, String slice, State state, long offset, Failure failure) {

  /** The lifecycle of a slice's projection. */
  public enum State {
    STARTING,
    RUNNING,
    /** a failed group is being tried again */
    RETRYING,
    /** the stream failed (database unreachable?) and restarts with backoff */
    RESTARTING,
    /** stopped on an event it cannot apply; the other slices go on; a restart of the server tries again */
    STOPPED,
    /** stopped because the node is stopping or the slice moved to another node */
    ENDED
  }

  /** A failure, with the event it happened on when known (offset, persistence id and sequence number; else -1 and null). */
  public record Failure(long offset, String persistenceId, long sequenceNr, String eventType, String reason, Instant at) {}

  SliceStatus with(State newState) {
    return new SliceStatus(projection, slice, newState, offset, failure);
  }

  SliceStatus committed(long newOffset) {
    return new SliceStatus(projection, slice, state, Math.max(offset, newOffset), failure);
  }

  SliceStatus failed(State newState, Failure newFailure) {
    return new SliceStatus(projection, slice, newState, offset, newFailure);
  }
}
