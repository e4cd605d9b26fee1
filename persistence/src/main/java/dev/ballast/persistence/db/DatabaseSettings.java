package dev.ballast.persistence.db;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the data lives: the embedded H2 file under the data directory (the default), or
 * PostgreSQL. Read once from {@code ballast.db}; {@link #pekkoConfig()} wires the journal, the
 * snapshot store, the read journal and the projections to the same database.
 */
public record DatabaseSettings(Kind kind, String url, String user, String password, String schema, int poolSize) {

  public enum Kind {
    H2,
    POSTGRES
  }

  @Override
  public String toString() {
    // never print the password
    return "DatabaseSettings[" + kind + " " + url + " user=" + user + "]";
  }

  /** Reads {@code ballast.db} from a resolved config; an empty url means H2 under {@code dataDir}. */
  public static DatabaseSettings from(Config config, Path dataDir) {
    Config db = config.getConfig("ballast.db");
    String url = db.getString("url").trim();
    Kind kind;
    if (url.isEmpty()) {
      kind = Kind.H2;
      url = h2Url(dataDir);
    } else if (url.startsWith("jdbc:postgresql:")) {
      kind = Kind.POSTGRES;
    } else if (url.startsWith("jdbc:h2:")) {
      kind = Kind.H2;
    } else {
      throw new IllegalArgumentException("ballast.db.url: only jdbc:h2: and jdbc:postgresql: are supported, got " + url);
    }
    String user = db.getString("user");
    if (user.isEmpty()) {
      user = kind == Kind.H2 ? "sa" : "postgres";
    }
    return new DatabaseSettings(
        kind, url, user, db.getString("password"), db.getString("schema").toLowerCase(Locale.ROOT), db.getInt("pool-size"));
  }

  public static DatabaseSettings h2(Path dataDir) {
    return new DatabaseSettings(Kind.H2, h2Url(dataDir), "sa", "", "ballast", 8);
  }

  public static DatabaseSettings postgres(String url, String user, String password) {
    return new DatabaseSettings(Kind.POSTGRES, url, user, password, "ballast", 8);
  }

  /**
   * H2 in a file, with every commit written before it is acknowledged (WRITE_DELAY=0), so a kill -9
   * loses no acknowledged transaction; closed by the server's own shutdown, after the actor system
   * stopped, not by H2's shutdown hook (DB_CLOSE_ON_EXIT=FALSE).
   */
  static String h2Url(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ballast").toString().replace('\\', '/')
        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
  }

  /** The JDBC url every connection uses: for PostgreSQL, with our schema first on the search path. */
  public String connectionUrl() {
    if (kind == Kind.POSTGRES) {
      return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
    return url;
  }

  public String driver() {
    return kind == Kind.H2 ? "org.h2.Driver" : "org.postgresql.Driver";
  }

  /** Journal, snapshots, read journal and projections on this database. */
  public Config pekkoConfig() {
    String profile = kind == Kind.H2 ? "slick.jdbc.H2Profile$" : "slick.jdbc.PostgresProfile$";
    String dialect = kind == Kind.H2 ? "h2-dialect" : "postgres-dialect";
    Map<String, Object> values =
        Map.ofEntries(
            Map.entry("pekko.persistence.journal.plugin", "jdbc-journal"),
            Map.entry("pekko.persistence.snapshot-store.plugin", "jdbc-snapshot-store"),
            Map.entry("jdbc-journal.use-shared-db", "slick"),
            Map.entry("jdbc-snapshot-store.use-shared-db", "slick"),
            Map.entry("jdbc-read-journal.use-shared-db", "slick"),
            Map.entry("pekko-persistence-jdbc.shared-databases.slick.profile", profile),
            Map.entry("pekko-persistence-jdbc.shared-databases.slick.db.url", connectionUrl()),
            Map.entry("pekko-persistence-jdbc.shared-databases.slick.db.user", user),
            Map.entry("pekko-persistence-jdbc.shared-databases.slick.db.password", password),
            Map.entry("pekko-persistence-jdbc.shared-databases.slick.db.driver", driver()),
            Map.entry("pekko-persistence-jdbc.shared-databases.slick.db.numThreads", poolSize),
            Map.entry("pekko-persistence-jdbc.shared-databases.slick.db.maxConnections", poolSize),
            Map.entry("pekko-persistence-jdbc.shared-databases.slick.db.minConnections", 1),
            Map.entry("pekko.projection.jdbc.dialect", dialect),
            Map.entry("pekko.projection.jdbc.blocking-jdbc-dispatcher.thread-pool-executor.fixed-pool-size", Math.max(2, poolSize / 2)));
    // tagged events in a few statements instead of one INSERT ... RETURNING each (see BatchedJournalDao)
    values = new java.util.HashMap<>(values);
    values.put("jdbc-journal.dao", dev.ballast.persistence.journal.BatchedJournalDao.class.getName());
    return ConfigFactory.parseMap(values);
  }
}
