package dev.ballast.engine.serialization;

/**
 * Marker for every message, event and state that leaves the JVM or reaches the journal: bound to
 * Jackson JSON in reference.conf, so the journal stays readable in an audit.
 */
public interface JsonSerializable {}
