package dev.ballast.engine.ops.alerts;

/** Where an alert is delivered (a signed webhook, e-mail); throws when this try did not get through. */
public interface NotificationChannel {
  /** A name for the delivery list, without any secret. */
  String name();

  void send(Alert alert) throws Exception;
}
