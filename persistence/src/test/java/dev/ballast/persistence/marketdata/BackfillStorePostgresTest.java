package dev.ballast.persistence.marketdata;

import dev.ballast.persistence.testing.TestBackend;

class BackfillStorePostgresTest extends BackfillStoreContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
