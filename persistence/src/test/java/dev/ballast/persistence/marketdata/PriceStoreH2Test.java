package dev.ballast.persistence.marketdata;

import dev.ballast.persistence.testing.TestBackend;

class PriceStoreH2Test extends PriceStoreContract {
  @Override
  protected TestBackend backend() {
    return TestBackend.H2;
  }
}
