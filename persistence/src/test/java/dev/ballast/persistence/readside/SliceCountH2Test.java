package dev.ballast.persistence.readside;

import dev.ballast.persistence.testing.TestBackend;

class SliceCountH2Test extends SliceCountContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
