package dev.ballast.persistence.audit;

import java.time.Instant;

/**
 * An entity's state rebuilt from its events alone, as of an instant, with the SHA-256 of its
 * canonical JSON (keys sorted, numbers as written) so two rebuilds can be compared by hash.
 */
public record RebuiltState(String entity, Instant asOf, long eventsApplied, long lastSequenceNr, Object state, String sha256) {}
