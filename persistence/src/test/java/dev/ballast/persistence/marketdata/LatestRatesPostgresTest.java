package dev.ballast.persistence.marketdata;

import dev.ballast.persistence.testing.TestBackend;

class LatestRatesPostgresTest extends LatestRatesContract {
  @Override
  protected TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
