package dev.ballast.persistence.backtest;

import dev.ballast.persistence.testing.TestBackend;

class BacktestRunStorePostgresTest extends BacktestRunStoreContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
