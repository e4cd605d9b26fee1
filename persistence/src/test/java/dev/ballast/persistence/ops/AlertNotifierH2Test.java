package dev.ballast.persistence.ops;

import dev.ballast.persistence.testing.TestBackend;

class AlertNotifierH2Test extends AlertNotifierContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
