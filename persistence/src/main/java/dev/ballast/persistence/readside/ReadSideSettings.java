package dev.ballast.persistence.readside;

import com.typesafe.config.Config;
import java.time.Duration;

/** How the read side runs, read once from {@code ballast.read-side}. */
public record ReadSideSettings(
    boolean projections,
    int slices,
    int groupAfterEnvelopes,
    Duration groupAfterDuration,
    int retries,
    Duration retryDelay,
    Duration restartMinBackoff,
    Duration restartMaxBackoff) {

  public ReadSideSettings {
    if (groupAfterEnvelopes < 1) {
      throw new IllegalArgumentException("ballast.read-side.group-after-envelopes must be at least 1, got " + groupAfterEnvelopes);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("ballast.read-side.retries must not be negative, got " + retries);
    }
  }

  public static ReadSideSettings from(Config config) {
    Config c = config.getConfig("ballast.read-side");
    return new ReadSideSettings(
        c.getBoolean("projections"),
        c.getInt("slices"),
        c.getInt("group-after-envelopes"),
        c.getDuration("group-after-duration"),
        c.getInt("retries"),
        c.getDuration("retry-delay"),
        c.getDuration("restart-min-backoff"),
        c.getDuration("restart-max-backoff"));
  }
}
