package dev.ballast.persistence.ops;

import dev.ballast.persistence.testing.TestBackend;

class AlertStorePostgresTest extends AlertStoreContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
