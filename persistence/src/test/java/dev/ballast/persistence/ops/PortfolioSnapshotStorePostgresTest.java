package dev.ballast.persistence.ops;

import dev.ballast.persistence.testing.TestBackend;

class PortfolioSnapshotStorePostgresTest extends PortfolioSnapshotStoreContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
