package dev.ballast.persistence.ops;

import dev.ballast.persistence.testing.TestBackend;

class ReadSideLagHealthPostgresTest extends ReadSideLagHealthContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
