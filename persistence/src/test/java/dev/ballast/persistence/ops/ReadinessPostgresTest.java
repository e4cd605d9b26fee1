package dev.ballast.persistence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.readside.ReadSideStatus;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the database: the real PostgreSQL reached through a loopback TCP relay that the
 * test cuts (the database unreachable) and opens again (it returns). H2 is embedded in the process
 * and cannot become unreachable, so this runs on PostgreSQL only.
 */
class ReadinessPostgresTest {
  private LoopbackRelay relay;
  private Database database;

  @AfterEach
  void close() throws IOException {
    if (database != null) {
      database.close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  @Test
  void readinessGoesDownWhenTheDatabaseIsUnreachableAndUpWhenItReturns() throws Exception {
    DatabaseSettings real = TestDatabases.postgres();
    URI uri = URI.create(real.url().substring("jdbc:".length()));
    relay = new LoopbackRelay(0, uri.getPort());
    String url = real.url().replace(":" + uri.getPort() + "/", ":" + relay.port + "/");
    database = Database.open(new DatabaseSettings(real.kind(), url, real.user(), real.password(), real.schema(), real.poolSize()));
    database.migrate();
    Readiness readiness = new Readiness(database, new ReadSideStatus(), () -> true, Duration.ofSeconds(1));
    assertTrue(readiness.check().ready(), readiness.check().toString());

    int port = relay.port;
    relay.close();
    Eventually.await(Duration.ofSeconds(30), () -> !readiness.check().ready(), () -> readiness.check().toString());
    Readiness.Component db = readiness.check().components().get(0);
    assertEquals("database", db.name());
    assertEquals(Readiness.Status.DOWN, db.status());

    relay = new LoopbackRelay(port, uri.getPort());
    Eventually.await(Duration.ofSeconds(60), () -> readiness.check().ready(), () -> readiness.check().toString());
    assertEquals(Readiness.Status.UP, readiness.check().components().get(0).status());
  }
}
