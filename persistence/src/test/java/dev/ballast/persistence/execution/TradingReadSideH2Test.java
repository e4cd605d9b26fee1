package dev.ballast.persistence.execution;

import dev.ballast.persistence.testing.TestBackend;

class TradingReadSideH2Test extends TradingReadSideContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
