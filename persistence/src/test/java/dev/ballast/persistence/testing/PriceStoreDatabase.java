package dev.ballast.persistence.testing;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.marketdata.PriceStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the market-data contract tests start from: a new database of {@link #backend()} for each test,
 * migrated, with a price store on it; the subclass per backend picks H2 or PostgreSQL.
 */
public abstract class PriceStoreDatabase {
  @TempDir protected Path dir;
  /** The settings the database was opened with: a second connection to the same database opens them again. */
  protected dev.ballast.persistence.db.DatabaseSettings settings;
  protected Database database;
  protected PriceStore store;

  protected abstract TestBackend backend();

  @BeforeEach
  void openDatabase() {
    settings = backend().newDatabase(dir);
    database = Database.open(settings);
    database.migrate();
    store = new PriceStore(database);
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }
}
