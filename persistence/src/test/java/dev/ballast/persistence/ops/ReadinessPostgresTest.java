package dev.ballast.persistence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.readside.ReadSideStatus;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the database: the real PostgreSQL reached through a loopback TCP relay that the
 * test cuts (the database unreachable) and opens again (it returns). H2 is embedded in the process
 * and cannot become unreachable, so this runs on PostgreSQL only.
 */
class ReadinessPostgresTest {
  private Relay relay;
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
    relay = new Relay(0, uri.getPort());
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

    relay = new Relay(port, uri.getPort());
    Eventually.await(Duration.ofSeconds(60), () -> readiness.check().ready(), () -> readiness.check().toString());
    assertEquals(Readiness.Status.UP, readiness.check().components().get(0).status());
  }

  /** Forwards loopback connections to the database; close() cuts every one of them and stops listening. */
  private static final class Relay implements AutoCloseable {
    final int port;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    Relay(int listenPort, int targetPort) throws IOException {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
      port = server.getLocalPort();
      Thread accept = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket client = server.accept();
            Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            open.add(client);
            open.add(target);
            pipe(client, target);
            pipe(target, client);
          } catch (IOException e) {
            return;
          }
        }
      }, "relay-accept");
      accept.setDaemon(true);
      accept.start();
    }

    private void pipe(Socket from, Socket to) {
      Thread t = new Thread(() -> {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          in.transferTo(out);
        } catch (IOException e) {
          // one side closed: the other follows
        } finally {
          try {
            from.close();
            to.close();
          } catch (IOException ignored) {
            // already closed
          }
        }
      }, "relay-pipe");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : open) {
        s.close();
      }
      open.clear();
    }
  }
}
