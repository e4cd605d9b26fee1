package dev.ballast.engine.ops.alerts;

import java.time.Instant;

/**
 * A kept alert. Repeats of one cause (same type and subject) while it is not acknowledged are
 * grouped into it: {@code count} goes up and {@code lastAt} and the message follow the latest.
 */
public record Alert(long id, AlertType type, AlertLevel level, String subject, String message, Instant firstAt, Instant lastAt, int count,
    Instant readAt, Instant acknowledgedAt, String acknowledgedBy) {
  public boolean acknowledged() {
    return acknowledgedAt != null;
  }
}
