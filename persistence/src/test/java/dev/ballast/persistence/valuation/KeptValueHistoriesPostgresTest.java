package dev.ballast.persistence.valuation;

import dev.ballast.persistence.testing.TestBackend;

class KeptValueHistoriesPostgresTest extends KeptValueHistoriesContract {
  @Override
  protected TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
