package dev.ballast.persistence.execution;

import dev.ballast.persistence.testing.TestBackend;

class TradingReadSidePostgresTest extends TradingReadSideContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
