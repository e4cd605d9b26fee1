package dev.ballast.api.server;

import dev.ballast.engine.account.sync.SyncState;
import dev.ballast.engine.marketdata.live.FeedMetrics;
import dev.ballast.persistence.ops.Readiness.Component;
import dev.ballast.persistence.ops.Readiness.Status;
import dev.ballast.persistence.sync.JdbcSyncStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The readiness components of the feeds and the account adapters (never DOWN: the server still
 * serves without a feed or a venue, so they are DEGRADED with the reason), the journal-write probe
 * and the read-side lag per projection.
 */
final class HealthComponents {
  private HealthComponents() {}

  /** {@code journal write} (down when this node cannot store an event) and {@code read-side lag PROJECTION} (degraded when behind). */
  static List<java.util.function.Supplier<List<Component>>> journal(org.apache.pekko.actor.typed.ActorSystem<?> system,
      com.typesafe.config.Config config, dev.ballast.persistence.db.Database database, dev.ballast.persistence.readside.ReadSideStatus readSide,
      java.time.Clock clock) {
    com.typesafe.config.Config h = config.getConfig("ballast.health");
    var journal = new dev.ballast.persistence.ops.JournalHealth(system, JobsSetup.settings(config).nodeName(),
        h.getDuration("journal-probe-timeout"), h.getDuration("journal-probe-interval"),
        h.hasPath("journal-probe-keep") ? h.getInt("journal-probe-keep") : dev.ballast.persistence.ops.JournalHealth.DEFAULT_KEEP, clock);
    var lag = new dev.ballast.persistence.ops.ReadSideLagHealth(database, readSide::slices, h.getDuration("read-side-lag-degraded"), clock);
    return List.of(journal::check, lag::check);
  }

  /** {@code feed NAME}: up while it has a healthy connection, else since when it has had no prices. */
  static List<Component> feeds(Map<String, FeedMetrics> feeds) {
    List<Component> out = new ArrayList<>();
    feeds.forEach((name, m) -> {
      String component = "feed " + name;
      if (m.downSince().isPresent()) {
        out.add(new Component(component, Status.DEGRADED, "no prices since " + m.downSince().get() + " (" + m.failures() + " connections lost or refused)"));
      } else if (m.lastMessage().isEmpty()) {
        out.add(new Component(component, Status.DEGRADED, "no message yet (" + m.connections() + " connections opened)"));
      } else {
        out.add(new Component(component, Status.UP, "last message at " + m.lastMessage().get()));
      }
    });
    return out;
  }

  /**
   * {@code account-sync}: one component for the connected accounts, degraded while one's last
   * attempt failed. It counts them only: /health/ready answers without a token, so account names
   * and venue errors stay behind {@code GET /api/sync}.
   */
  static List<Component> accountSyncs(JdbcSyncStore store) {
    List<SyncState> all = store.all();
    if (all.isEmpty()) {
      return List.of();
    }
    long failing = all.stream()
        .filter(s -> s.lastError() != null && (s.lastSyncAt() == null || s.lastErrorAt() != null && s.lastErrorAt().isAfter(s.lastSyncAt())))
        .count();
    return List.of(failing == 0 ? new Component("account-sync", Status.UP, all.size() + " connected accounts, none failing")
        : new Component("account-sync", Status.DEGRADED, failing + " of " + all.size()
            + " connected accounts failed their last attempt (GET /api/sync names them and the error)"));
  }
}
