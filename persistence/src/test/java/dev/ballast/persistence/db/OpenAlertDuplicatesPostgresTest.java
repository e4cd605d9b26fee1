package dev.ballast.persistence.db;

import dev.ballast.persistence.testing.TestBackend;

class OpenAlertDuplicatesPostgresTest extends OpenAlertDuplicatesContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
