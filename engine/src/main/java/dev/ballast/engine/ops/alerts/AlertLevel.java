package dev.ballast.engine.ops.alerts;

/** How urgent an alert is, in rising order: a channel set to a level gets that level and above. */
public enum AlertLevel {
  INFO, WARNING, CRITICAL, EMERGENCY;

  public boolean atLeast(AlertLevel other) {
    return compareTo(other) >= 0;
  }
}
