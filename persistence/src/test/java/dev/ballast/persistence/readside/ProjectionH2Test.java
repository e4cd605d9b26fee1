package dev.ballast.persistence.readside;

import dev.ballast.persistence.testing.TestBackend;

class ProjectionH2Test extends ProjectionContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
