package dev.ballast.persistence.sync;

import dev.ballast.persistence.testing.TestBackend;

class JdbcSyncStorePostgresTest extends JdbcSyncStoreContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
