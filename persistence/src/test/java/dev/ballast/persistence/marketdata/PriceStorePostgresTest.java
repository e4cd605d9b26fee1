package dev.ballast.persistence.marketdata;

import dev.ballast.persistence.testing.TestBackend;

class PriceStorePostgresTest extends PriceStoreContract {
  @Override
  protected TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
