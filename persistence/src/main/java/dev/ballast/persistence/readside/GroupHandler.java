package dev.ballast.persistence.readside;

import dev.ballast.persistence.db.DataSourceJdbcSession;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/**
 * Writes a group of one slice's events in the projection's transaction (which also stores the
 * offset of the group's last event). When the group fails for a reason that is not a passing
 * database failure, its events are applied again one by one, to name the one that cannot be applied
 * ({@link EventNotApplied}); a group that fails only as a whole is written that way.
 */
public abstract class GroupHandler<E> extends JdbcHandler<List<EventEnvelope<E>>, DataSourceJdbcSession> {

  /** Applies the events in order and writes their rows on {@code c}. */
  protected abstract void apply(Connection c, List<EventEnvelope<E>> envelopes) throws Exception;

  @Override
  public final void process(DataSourceJdbcSession session, List<EventEnvelope<E>> envelopes) throws Exception {
    session.withConnection(c -> {
      // after the offset the projection wrote on this connection; rolling back to here keeps it
      Savepoint beforeGroup = c.setSavepoint();
      try {
        apply(c, envelopes);
      } catch (Exception group) {
        if (Failures.isTransient(group)) {
          throw group;
        }
        // PostgreSQL refuses every statement after a failed one until the transaction rolls back
        c.rollback(beforeGroup);
        if (envelopes.size() == 1) {
          throw notApplied(envelopes.get(0), group);
        }
        for (EventEnvelope<E> envelope : envelopes) {
          try {
            apply(c, List.of(envelope));
          } catch (Exception one) {
            if (Failures.isTransient(one)) {
              throw one;
            }
            throw notApplied(envelope, one);
          }
        }
      }
      return null;
    });
  }

  private static EventNotApplied notApplied(EventEnvelope<?> envelope, Exception failure) {
    return failure instanceof EventNotApplied known ? known : new EventNotApplied(envelope, failure);
  }

  /** The failure for an event type this handler has no writes for: the tables would silently miss it. */
  protected static EventNotApplied unknownEvent(EventEnvelope<?> envelope) {
    return new EventNotApplied(envelope,
        new IllegalStateException("the read side has no handler for " + envelope.event().getClass().getName()));
  }
}
