package dev.ballast.persistence.readside;

import dev.ballast.persistence.testing.TestBackend;

class SliceCountPostgresTest extends SliceCountContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
