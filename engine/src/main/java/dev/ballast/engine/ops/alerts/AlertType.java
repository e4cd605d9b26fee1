package dev.ballast.engine.ops.alerts;

/** What an alert is about (issue 14); each has the level it is raised with unless its cause says otherwise. */
public enum AlertType {
  REBALANCE_NEEDED(AlertLevel.WARNING),
  TRADE_FAILED(AlertLevel.CRITICAL),
  REGIME_CHANGE(AlertLevel.INFO),
  DRIFT(AlertLevel.WARNING),
  DATA_REFRESH_FAILED(AlertLevel.WARNING),
  HEALTH_CHECK_FAILED(AlertLevel.CRITICAL),
  EMERGENCY_STOP(AlertLevel.EMERGENCY),
  SYNC_FAILED(AlertLevel.WARNING),
  RECONCILIATION_DISCREPANCY(AlertLevel.CRITICAL);

  private final AlertLevel defaultLevel;

  AlertType(AlertLevel defaultLevel) {
    this.defaultLevel = defaultLevel;
  }

  public AlertLevel defaultLevel() {
    return defaultLevel;
  }
}
