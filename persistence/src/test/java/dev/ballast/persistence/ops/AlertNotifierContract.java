package dev.ballast.persistence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.ops.alerts.Alert;
import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.engine.ops.alerts.AlertType;
import dev.ballast.engine.ops.alerts.NotificationChannel;
import dev.ballast.engine.ops.alerts.Subscription;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New alerts reach the channels whose level they meet, once per group; failed tries are retried with backoff and kept visible. */
abstract class AlertNotifierContract {
  @TempDir Path dir;
  private Database database;
  private AlertStore alerts;
  private AlertNotifier notifier;

  abstract TestBackend backend();

  /** Fails its first {@code failures} tries, then takes every alert. */
  private static final class FlakyChannel implements NotificationChannel {
    final AtomicInteger tries = new AtomicInteger();
    final List<Alert> received = new CopyOnWriteArrayList<>();
    final String name;
    final int failures;

    FlakyChannel(String name, int failures) {
      this.name = name;
      this.failures = failures;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void send(Alert alert) {
      if (tries.incrementAndGet() <= failures) {
        throw new IllegalStateException("receiver down (try " + tries.get() + ")");
      }
      received.add(alert);
    }
  }

  private final FlakyChannel flaky = new FlakyChannel("hook-flaky", 1);
  private final FlakyChannel dead = new FlakyChannel("hook-dead", Integer.MAX_VALUE);
  private final FlakyChannel critical = new FlakyChannel("mail-critical", 0);

  @BeforeEach
  void open() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
    alerts = new AlertStore(database, new DurableJobsContract.MovableClock(Instant.parse("2026-03-02T10:00:00Z")));
    notifier = new AlertNotifier(database, List.of(new Subscription("alice", AlertLevel.WARNING, flaky),
        new Subscription("alice", AlertLevel.WARNING, dead), new Subscription("bob", AlertLevel.CRITICAL, critical)),
        3, Duration.ofMillis(20), java.time.Clock.systemUTC());
    alerts.subscribe(notifier);
  }

  @AfterEach
  void close() {
    notifier.close();
    database.close();
  }

  @Test
  void retriedUntilDeliveredOrFailedAndRepeatsAreNotSentAgain() {
    for (int i = 0; i < 5; i++) {
      alerts.raise(AlertType.DATA_REFRESH_FAILED, "source yahoo", "timeout " + i);
    }
    long id = alerts.list(false, null, 10).get(0).id();
    Eventually.await(Duration.ofSeconds(30), () -> notifier.deliveries(id).stream().filter(d -> !d.status().equals("RETRYING")).count() == 2,
        () -> notifier.deliveries(id).toString());
    List<AlertNotifier.Delivery> deliveries = notifier.deliveries(id);
    assertEquals("hook-dead", deliveries.get(0).channel());
    assertEquals("FAILED", deliveries.get(0).status());
    assertEquals(3, deliveries.get(0).attempts());
    assertTrue(deliveries.get(0).lastError().contains("receiver down"), deliveries.toString());
    assertEquals("hook-flaky", deliveries.get(1).channel());
    assertEquals("DELIVERED", deliveries.get(1).status());
    assertEquals(2, deliveries.get(1).attempts());
    assertEquals(1, flaky.received.size(), "five raises of one cause: one notification");
    assertEquals(0, critical.tries.get(), "a warning does not reach a critical-only channel");
  }
}
