package dev.ballast.persistence.audit;

import java.time.Instant;

/** One journaled event as the audit prints it. */
public record AuditRecord(String persistenceId, long sequenceNr, Instant writtenAt, String eventType, Object event) {}
