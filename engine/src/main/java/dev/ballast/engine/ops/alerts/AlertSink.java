package dev.ballast.engine.ops.alerts;

/** Where a cause raises an alert: the subject is the portfolio, account or component it concerns. */
@FunctionalInterface
public interface AlertSink {
  void raise(AlertType type, AlertLevel level, String subject, String message);

  default void raise(AlertType type, String subject, String message) {
    raise(type, type.defaultLevel(), subject, message);
  }
}
