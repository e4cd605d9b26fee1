package dev.ballast.persistence.backtest;

import dev.ballast.persistence.testing.TestBackend;

class StoredBarsH2Test extends StoredBarsContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
