package dev.ballast.persistence.db;

import dev.ballast.persistence.testing.TestBackend;

class MigrationPostgresTest extends MigrationContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
