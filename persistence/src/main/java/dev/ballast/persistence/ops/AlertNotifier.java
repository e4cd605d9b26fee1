package dev.ballast.persistence.ops;

import dev.ballast.engine.ops.alerts.Alert;
import dev.ballast.engine.ops.alerts.Subscription;
import dev.ballast.persistence.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each new alert to the channels of the users whose level it reaches, off the raising
 * thread; a failed try is retried with doubling backoff up to {@code maxAttempts}, and every
 * delivery's state (delivered, retrying, failed with its error) is kept in ops_deliveries.
 * A repeat grouped into an open alert is not sent again: the group was announced once.
 */
public final class AlertNotifier implements Consumer<Alert>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);

  /** One alert's delivery to one channel. */
  public record Delivery(long alertId, String channel, String user, int attempts, String status, String lastError, Instant updatedAt) {}

  private final Database database;
  private final List<Subscription> subscriptions;
  private final List<java.util.function.Supplier<List<Subscription>>> sources = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final Clock clock;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "alert-notifier");
    t.setDaemon(true);
    return t;
  });

  public AlertNotifier(Database database, List<Subscription> subscriptions, int maxAttempts, Duration firstBackoff, Clock clock) {
    this.database = database;
    this.subscriptions = List.copyOf(subscriptions);
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.clock = clock;
  }

  /** Adds subscriptions read at each alert (the users' own, kept in the database) to the configured ones. */
  public AlertNotifier withSource(java.util.function.Supplier<List<Subscription>> source) {
    sources.add(source);
    return this;
  }

  @Override
  public void accept(Alert alert) {
    if (alert.count() != 1) {
      return;
    }
    List<Subscription> all = new ArrayList<>(subscriptions);
    for (java.util.function.Supplier<List<Subscription>> source : sources) {
      try {
        all.addAll(source.get());
      } catch (RuntimeException e) {
        LOG.warn("alert {}: the stored subscriptions could not be read: {}", alert.id(), e.toString());
      }
    }
    for (Subscription s : all) {
      if (s.wants(alert)) {
        executor.execute(() -> attempt(alert, s, 1));
      }
    }
  }

  private void attempt(Alert alert, Subscription s, int attempt) {
    try {
      s.channel().send(alert);
      record(alert.id(), s, attempt, "DELIVERED", null);
    } catch (Exception e) {
      boolean again = attempt < maxAttempts;
      LOG.warn("alert {} to {}: try {} of {} failed: {}", alert.id(), s.channel().name(), attempt, maxAttempts, e.getMessage());
      record(alert.id(), s, attempt, again ? "RETRYING" : "FAILED", String.valueOf(e.getMessage()));
      if (again) {
        long delay = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
        executor.schedule(() -> attempt(alert, s, attempt + 1), delay, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void record(long alertId, Subscription s, int attempts, String status, String error) {
    try {
      database.inTransaction(c -> {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM ops_deliveries WHERE alert_id = ? AND channel = ?")) {
          del.setLong(1, alertId);
          del.setString(2, s.channel().name());
          del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ops_deliveries (alert_id, channel, user_name, attempts, status,"
            + " last_error, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          ps.setLong(1, alertId);
          ps.setString(2, s.channel().name());
          ps.setString(3, s.user());
          ps.setInt(4, attempts);
          ps.setString(5, status);
          ps.setString(6, error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error);
          ps.setObject(7, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
          ps.executeUpdate();
        }
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warn("could not keep the delivery of alert {} to {}: {}", alertId, s.channel().name(), e.toString());
    }
  }

  /** An alert's deliveries, one per channel. */
  public List<Delivery> deliveries(long alertId) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT alert_id, channel, user_name, attempts, status, last_error, updated_at"
          + " FROM ops_deliveries WHERE alert_id = ? ORDER BY channel")) {
        ps.setLong(1, alertId);
        List<Delivery> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                rs.getObject(7, OffsetDateTime.class).toInstant()));
          }
        }
        return out;
      }
    });
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
