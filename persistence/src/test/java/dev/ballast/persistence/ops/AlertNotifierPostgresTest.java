package dev.ballast.persistence.ops;

import dev.ballast.persistence.testing.TestBackend;

class AlertNotifierPostgresTest extends AlertNotifierContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
