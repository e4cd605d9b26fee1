package dev.ballast.persistence.sync;

import dev.ballast.persistence.testing.TestBackend;

class JdbcSyncStoreH2Test extends JdbcSyncStoreContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
