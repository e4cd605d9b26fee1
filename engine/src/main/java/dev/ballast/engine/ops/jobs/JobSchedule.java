package dev.ballast.engine.ops.jobs;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * When a job runs: {@code every:<duration>} (an interval from the end of the last run: 30s, 15m,
 * 4h, 1d) or {@code cron:<six fields>} (seconds first, as db-scheduler reads it) in a time zone.
 * The text form {@link #spec()} is what configuration and the API carry.
 */
public record JobSchedule(Kind kind, String expression, ZoneId zone) {
  private static final Pattern INTERVAL = Pattern.compile("(\\d{1,6})(s|m|h|d)");
  private static final Pattern CRON_FIELD = Pattern.compile("[0-9*?/,\\-LW#A-Za-z]{1,40}");

  public enum Kind { CRON, INTERVAL }

  public JobSchedule {
    if (kind == Kind.INTERVAL) {
      interval(expression);
    } else {
      String[] fields = expression.trim().split("\\s+");
      if (fields.length != 6) {
        throw new IllegalArgumentException("a cron schedule has six fields (second minute hour day month weekday), got "
            + fields.length + " in '" + expression + "'");
      }
      for (String f : fields) {
        if (!CRON_FIELD.matcher(f).matches()) {
          throw new IllegalArgumentException("cron field '" + f + "' in '" + expression + "' is not a cron field");
        }
      }
    }
  }

  /** Reads {@code every:4h} or {@code cron:0 0 9 * * *}; the zone applies to cron schedules. */
  public static JobSchedule parse(String spec, ZoneId zone) {
    if (spec == null || spec.length() > 200) {
      throw new IllegalArgumentException("a schedule is 'every:<n><s|m|h|d>' or 'cron:<six fields>' of at most 200 characters");
    }
    String s = spec.trim();
    if (s.startsWith("every:")) {
      return new JobSchedule(Kind.INTERVAL, s.substring(6).trim().toLowerCase(Locale.ROOT), zone);
    }
    if (s.startsWith("cron:")) {
      return new JobSchedule(Kind.CRON, s.substring(5).trim(), zone);
    }
    throw new IllegalArgumentException("schedule '" + spec + "' is neither 'every:<n><s|m|h|d>' nor 'cron:<six fields>'");
  }

  public static ZoneId zone(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("time zone '" + zone + "' is not known", e);
    }
  }

  /** The interval of an {@code every:} schedule. */
  public Duration interval() {
    return interval(expression);
  }

  public String spec() {
    return (kind == Kind.CRON ? "cron:" : "every:") + expression;
  }

  private static Duration interval(String text) {
    var m = INTERVAL.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("interval '" + text + "' is not <n><s|m|h|d>, e.g. 4h");
    }
    long n = Long.parseLong(m.group(1));
    if (n == 0) {
      throw new IllegalArgumentException("interval '" + text + "' is zero");
    }
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
