package dev.ballast.persistence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.ops.alerts.Alert;
import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.engine.ops.alerts.AlertType;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts kept with their level and state; repeats of one open cause grouped; acknowledging starts the next group. */
abstract class AlertStoreContract {
  @TempDir Path dir;
  private Database database;
  private final DurableJobsContract.MovableClock clock = new DurableJobsContract.MovableClock(Instant.parse("2026-03-02T10:00:00Z"));
  private AlertStore alerts;
  private final List<Alert> heard = new ArrayList<>();

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
    alerts = new AlertStore(database, clock);
    alerts.subscribe(heard::add);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aHundredRepeatsOfOneCauseAreOneAlertWithTheirCountAndHighestLevel() {
    for (int i = 0; i < 100; i++) {
      alerts.raise(AlertType.DATA_REFRESH_FAILED, i == 50 ? AlertLevel.CRITICAL : AlertLevel.WARNING, "source yahoo", "timeout " + i);
    }
    alerts.raise(AlertType.DATA_REFRESH_FAILED, "source coingecko", "HTTP 503");
    List<Alert> all = alerts.list(false, null, 100);
    assertEquals(2, all.size(), all.toString());
    Alert yahoo = all.stream().filter(a -> a.subject().equals("source yahoo")).findFirst().orElseThrow();
    assertEquals(100, yahoo.count());
    assertEquals(AlertLevel.CRITICAL, yahoo.level());
    assertEquals("timeout 99", yahoo.message());
    assertEquals(101, heard.size(), "every raise is heard, grouped or not");
    assertEquals(List.of("source yahoo"), alerts.list(false, AlertLevel.CRITICAL, 100).stream().map(Alert::subject).toList());
  }

  @Test
  void readAndAcknowledgedAreKeptAndAnAcknowledgedCauseStartsANewAlert() {
    alerts.raise(AlertType.EMERGENCY_STOP, "kill-switch", "trading stopped by admin: test");
    Alert first = alerts.list(true, null, 10).get(0);
    assertEquals(AlertLevel.EMERGENCY, first.level());
    assertNull(first.readAt());
    assertNotNull(alerts.markRead(first.id()).orElseThrow().readAt());
    Alert acked = alerts.acknowledge(first.id(), "alice").orElseThrow();
    assertTrue(acked.acknowledged());
    assertEquals("alice", acked.acknowledgedBy());
    assertEquals(acked, alerts.acknowledge(first.id(), "bob").orElseThrow(), "a second acknowledgement changes nothing");
    assertTrue(alerts.list(true, null, 10).isEmpty());

    alerts.raise(AlertType.EMERGENCY_STOP, "kill-switch", "trading stopped by admin: again");
    Alert second = alerts.list(true, null, 10).get(0);
    assertNotEquals(first.id(), second.id());
    assertEquals(1, second.count());
    assertEquals(2, alerts.list(false, null, 10).size());
    assertTrue(alerts.acknowledge(999, "x").isEmpty());
  }

  @Test
  void twoNodesRaisingAtOnceKeepDistinctIdsAndOneAlertPerOpenCause() throws Exception {
    // a second store on the same database is a second node: no lock of this process is shared with it
    AlertStore other = new AlertStore(database, clock);
    int threads = 4;
    int each = 15;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      AlertStore node = t % 2 == 0 ? alerts : other;
      int thread = t;
      done.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < each; i++) {
          node.raise(AlertType.SYNC_FAILED, "account " + thread + "-" + i, "its own cause");
          node.raise(AlertType.DATA_REFRESH_FAILED, "source shared", "the same cause from every node");
        }
        return null;
      }));
    }
    go.countDown();
    for (java.util.concurrent.Future<?> f : done) {
      f.get(120, java.util.concurrent.TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<Alert> all = alerts.list(false, null, 1000);
    assertEquals(threads * each + 1, all.size(), "one alert per distinct cause");
    assertEquals(all.size(), all.stream().map(Alert::id).distinct().count(), "every id once");
    Alert shared = all.stream().filter(a -> a.subject().equals("source shared")).findFirst().orElseThrow();
    assertEquals(threads * each, shared.count(), "every raise of the shared cause counted in its one alert");
  }
}
