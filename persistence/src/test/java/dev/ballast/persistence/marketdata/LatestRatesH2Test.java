package dev.ballast.persistence.marketdata;

import dev.ballast.persistence.testing.TestBackend;

class LatestRatesH2Test extends LatestRatesContract {
  @Override
  protected TestBackend backend() {
    return TestBackend.H2;
  }
}
