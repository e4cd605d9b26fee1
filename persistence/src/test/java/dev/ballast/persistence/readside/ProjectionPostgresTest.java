package dev.ballast.persistence.readside;

import dev.ballast.persistence.testing.TestBackend;

class ProjectionPostgresTest extends ProjectionContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
