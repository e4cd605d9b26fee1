package dev.ballast.api.http.audit;

import dev.ballast.persistence.audit.AuditRecord;
import dev.ballast.persistence.audit.RebuiltState;
import dev.ballast.persistence.audit.VerifyReport;
import java.time.Instant;
import java.util.List;

/**
 * What the audit routes answer. The events and states inside are shown as the journal holds them,
 * on purpose: an audit shows what was written, not a view of it.
 */
public final class AuditResponses {
  private AuditResponses() {}

  /** One journaled event. */
  public record Event(String persistenceId, long sequenceNr, Instant writtenAt, String eventType, Object event) {
    static Event of(AuditRecord r) {
      return new Event(r.persistenceId(), r.sequenceNr(), r.writtenAt(), r.eventType(), r.event());
    }
  }

  /** An entity's state rebuilt from its events as of an instant, with the SHA-256 of its canonical JSON. */
  public record State(String entity, Instant asOf, long eventsApplied, long lastSequenceNr, Object state, String sha256) {
    static State of(RebuiltState s) {
      return new State(s.entity(), s.asOf(), s.eventsApplied(), s.lastSequenceNr(), s.state(), s.sha256());
    }
  }

  /** The check of every entity against its snapshot and the read tables. */
  public record Verify(int entities, long events, List<String> mismatches, List<String> notes) {
    static Verify of(VerifyReport r) {
      return new Verify(r.entities(), r.events(), r.mismatches(), r.notes());
    }
  }
}
