package dev.ballast.persistence.backtest;

import dev.ballast.persistence.testing.TestBackend;

class BacktestRunStoreH2Test extends BacktestRunStoreContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
