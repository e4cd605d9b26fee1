package dev.ballast.persistence.marketdata;

import dev.ballast.persistence.testing.TestBackend;

class PriceSyncPostgresTest extends PriceSyncContract {
  @Override
  protected TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
