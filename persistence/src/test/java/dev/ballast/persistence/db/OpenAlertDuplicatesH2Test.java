package dev.ballast.persistence.db;

import dev.ballast.persistence.testing.TestBackend;

class OpenAlertDuplicatesH2Test extends OpenAlertDuplicatesContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
