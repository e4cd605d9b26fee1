package dev.ballast.engine.ops.alerts;

/** A user's channel and the lowest level it receives. */
public record Subscription(String user, AlertLevel minLevel, NotificationChannel channel) {
  public boolean wants(Alert alert) {
    return alert.level().atLeast(minLevel);
  }
}
