package dev.ballast.persistence.ops;

import dev.ballast.persistence.testing.TestBackend;

class AlertStoreH2Test extends AlertStoreContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
