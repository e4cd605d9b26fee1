package dev.ballast.api.http.sync;

import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Path;

/**
 * {@link SyncApiTest} on PostgreSQL (embedded, a schema of its own): the vault, the connections and
 * the synced ledger through the same server; the logs are read for the secrets as on H2 (the
 * database files are PostgreSQL's, outside the data directory the file scan reads).
 */
class SyncApiPostgresTest extends SyncApiTest {
  @Override
  DatabaseSettings database(Path dataDir) {
    return TestDatabases.postgres();
  }
}
