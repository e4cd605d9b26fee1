package dev.ballast.persistence.ops;

import dev.ballast.persistence.testing.TestBackend;

class PortfolioSnapshotStoreH2Test extends PortfolioSnapshotStoreContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
