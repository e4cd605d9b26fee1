package dev.ballast.persistence.marketdata;

import dev.ballast.persistence.testing.TestBackend;

class BackfillStoreH2Test extends BackfillStoreContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
