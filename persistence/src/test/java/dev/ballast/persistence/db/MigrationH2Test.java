package dev.ballast.persistence.db;

import dev.ballast.persistence.testing.TestBackend;

class MigrationH2Test extends MigrationContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
