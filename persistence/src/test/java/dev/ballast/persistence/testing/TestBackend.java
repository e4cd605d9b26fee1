package dev.ballast.persistence.testing;

import dev.ballast.persistence.db.DatabaseSettings;
import java.nio.file.Path;

/** The two stores every persistence test runs on; a contract test's subclass picks one. */
public enum TestBackend {
  H2 {
    @Override
    public DatabaseSettings newDatabase(Path dir) {
      return TestDatabases.h2(dir);
    }
  },
  POSTGRES {
    @Override
    public DatabaseSettings newDatabase(Path dir) {
      return TestDatabases.postgres();
    }
  };

  /** An empty database of this kind: a new H2 file under {@code dir}, or a new PostgreSQL schema. */
  public abstract DatabaseSettings newDatabase(Path dir);

  /** The schema the tables live in, as {@link java.sql.DatabaseMetaData} names it. */
  public String schemaOf(DatabaseSettings settings) {
    return this == H2 ? "PUBLIC" : settings.schema();
  }
}
