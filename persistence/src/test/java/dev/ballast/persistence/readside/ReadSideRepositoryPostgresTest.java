package dev.ballast.persistence.readside;

import dev.ballast.persistence.testing.TestBackend;

class ReadSideRepositoryPostgresTest extends ReadSideRepositoryContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
