package dev.ballast.persistence.marketdata;

import dev.ballast.persistence.testing.TestBackend;

class PriceSyncH2Test extends PriceSyncContract {
  @Override
  protected TestBackend backend() {
    return TestBackend.H2;
  }
}
