package dev.ballast.engine.ops.jobs;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of recurring work the server runs as durable jobs; each has one handler. */
public enum JobKind {
  MARKET_DATA_REFRESH("market-data-refresh", "every:4h"),
  STRATEGY_CHECKS("strategy-checks", "cron:0 0 9 * * *"),
  MOMENTUM_SIGNAL("momentum-signal", "cron:0 0 8 1 * *"),
  DCA("dca", "cron:0 0 10 * * *"),
  PORTFOLIO_SNAPSHOTS("portfolio-snapshots", "cron:0 35 16 * * *"),
  ACCOUNT_SYNC("account-sync", "every:6h"),
  HEALTH_CHECK("health-check", "every:1h"),
  MONTHLY_REPORT("monthly-report", "cron:0 0 6 1 * *");

  private final String id;
  private final String defaultSchedule;

  JobKind(String id, String defaultSchedule) {
    this.id = id;
    this.defaultSchedule = defaultSchedule;
  }

  public String id() {
    return id;
  }

  /** The schedule when the configuration names none (UTC). */
  public JobSchedule defaultSchedule() {
    return JobSchedule.parse(defaultSchedule, java.time.ZoneOffset.UTC);
  }

  public static Optional<JobKind> of(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }
}
