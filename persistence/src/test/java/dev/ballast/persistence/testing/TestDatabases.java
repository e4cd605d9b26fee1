package dev.ballast.persistence.testing;

import dev.ballast.persistence.db.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for tests: H2 in a folder, or a fresh schema of one real PostgreSQL started inside the
 * test JVM (once: it takes seconds; each test gets its own schema instead of its own server).
 */
public final class TestDatabases {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  public static DatabaseSettings h2(Path dir) {
    return DatabaseSettings.h2(dir);
  }

  /** A new, empty schema on the shared embedded PostgreSQL. */
  public static synchronized DatabaseSettings postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException ignored) {
          // the JVM is ending; the data directory is temporary
        }
      }));
    }
    String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    DatabaseSettings base = DatabaseSettings.postgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
    return new DatabaseSettings(base.kind(), stripUser(base.url()), base.user(), base.password(), schema, 4);
  }

  /** Zonky's url carries ?user=; the settings pass the user separately. */
  private static String stripUser(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  /** HOCON lines that point a server at these settings. */
  public static String hocon(DatabaseSettings db) {
    return "ballast.db { url = \"" + db.url() + "\", user = \"" + db.user() + "\", password = \"" + db.password()
        + "\", schema = \"" + db.schema() + "\", pool-size = " + db.poolSize() + " }\n";
  }
}
