package dev.ballast.persistence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.ops.SubscriptionStore.Channel;
import dev.ballast.persistence.ops.SubscriptionStore.Row;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-user alert subscriptions kept by user and name: created, replaced, listed per user or for all, removed. */
abstract class SubscriptionStoreContract {
  @TempDir Path dir;
  private Database database;
  private SubscriptionStore store;

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
    store = new SubscriptionStore(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void subscriptionsAreKeptPerUserAndNameAndReplacedInPlace() {
    Instant t0 = Instant.parse("2026-03-02T10:00:00.123456Z");
    assertTrue(store.put(new Row("tina", "hook", Channel.WEBHOOK, AlertLevel.CRITICAL, "https://hooks.example/a", t0)));
    assertTrue(store.put(new Row("tina", "mail", Channel.EMAIL, AlertLevel.WARNING, "tina@example.org,ops@example.org", t0)));
    assertTrue(store.put(new Row("ada", "hook", Channel.WEBHOOK, AlertLevel.INFO, "https://hooks.example/b", t0)));
    Instant t1 = t0.plusSeconds(60);
    assertFalse(store.put(new Row("tina", "hook", Channel.EMAIL, AlertLevel.EMERGENCY, "tina@example.org", t1)), "a replace, not a new one");

    assertEquals(List.of(new Row("tina", "hook", Channel.EMAIL, AlertLevel.EMERGENCY, "tina@example.org", t1),
        new Row("tina", "mail", Channel.EMAIL, AlertLevel.WARNING, "tina@example.org,ops@example.org", t0)), store.list("tina"));
    assertEquals(List.of("ada/hook", "tina/hook", "tina/mail"), store.list(null).stream().map(r -> r.user() + "/" + r.name()).toList());
    assertTrue(store.delete("tina", "hook"));
    assertFalse(store.delete("tina", "hook"));
    assertTrue(store.find("tina", "hook").isEmpty());
    assertEquals(2, store.list(null).size());
  }
}
