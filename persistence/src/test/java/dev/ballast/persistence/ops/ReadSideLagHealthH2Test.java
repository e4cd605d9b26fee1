package dev.ballast.persistence.ops;

import dev.ballast.persistence.testing.TestBackend;

class ReadSideLagHealthH2Test extends ReadSideLagHealthContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
