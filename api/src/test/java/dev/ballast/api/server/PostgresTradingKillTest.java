package dev.ballast.api.server;

import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Path;

class PostgresTradingKillTest extends TradingKillContract {
  @Override
  DatabaseSettings database(Path dataDir) {
    return TestDatabases.postgres();
  }
}
