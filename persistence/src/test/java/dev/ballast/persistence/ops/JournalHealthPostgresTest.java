package dev.ballast.persistence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.PekkoTestSystems;
import dev.ballast.persistence.testing.TestDatabases;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The journal-write probe follows the journal: PostgreSQL reached through a loopback relay that the
 * test cuts (no event can be stored: down) and opens again (stored again: up).
 */
class JournalHealthPostgresTest {
  private LoopbackRelay relay;
  private Database database;
  private ActorTestKit kit;

  @AfterEach
  void close() throws Exception {
    if (kit != null) {
      kit.shutdownTestKit();
    }
    if (database != null) {
      database.close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  @Test
  void theProbeIsDownWhileTheJournalCannotStoreAndUpWhenItCanAgain() throws Exception {
    DatabaseSettings real = TestDatabases.postgres();
    URI uri = URI.create(real.url().substring("jdbc:".length()));
    relay = new LoopbackRelay(0, uri.getPort());
    DatabaseSettings relayed = new DatabaseSettings(real.kind(), real.url().replace(":" + uri.getPort() + "/", ":" + relay.port + "/"),
        real.user(), real.password(), real.schema(), real.poolSize());
    database = Database.open(relayed);
    database.migrate();
    kit = PekkoTestSystems.testKit("journal-health-pg", relayed);
    JournalHealth health = new JournalHealth(kit.system(), "node-pg", Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC());
    Readiness.Component up = health.check().get(0);
    assertEquals(Readiness.Status.UP, up.status(), up.toString());

    int port = relay.port;
    relay.close();
    AtomicReference<Readiness.Component> seen = new AtomicReference<>();
    Eventually.await(Duration.ofSeconds(30), () -> {
      seen.set(health.check().get(0));
      return seen.get().status() == Readiness.Status.DOWN;
    }, () -> String.valueOf(seen.get()));
    assertEquals("journal write", seen.get().name());
    assertTrue(seen.get().reason().startsWith("no event stored within 1000 ms") || seen.get().reason().startsWith("the write failed"),
        seen.get().toString());

    relay = new LoopbackRelay(port, uri.getPort());
    Eventually.await(Duration.ofSeconds(60), () -> {
      seen.set(health.check().get(0));
      return seen.get().status() == Readiness.Status.UP;
    }, () -> String.valueOf(seen.get()));
    assertTrue(JournalHealthH2Test.probeEvents(database, "node-pg") >= 2, "the probes before the cut and after it are stored");
  }
}
