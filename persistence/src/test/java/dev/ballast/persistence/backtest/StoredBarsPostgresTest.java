package dev.ballast.persistence.backtest;

import dev.ballast.persistence.testing.TestBackend;

class StoredBarsPostgresTest extends StoredBarsContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
