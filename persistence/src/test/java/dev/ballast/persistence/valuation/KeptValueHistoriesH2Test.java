package dev.ballast.persistence.valuation;

import dev.ballast.persistence.testing.TestBackend;

class KeptValueHistoriesH2Test extends KeptValueHistoriesContract {
  @Override
  protected TestBackend backend() {
    return TestBackend.H2;
  }
}
