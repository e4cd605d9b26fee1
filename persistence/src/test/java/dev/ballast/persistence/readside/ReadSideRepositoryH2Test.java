package dev.ballast.persistence.readside;

import dev.ballast.persistence.testing.TestBackend;

class ReadSideRepositoryH2Test extends ReadSideRepositoryContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
