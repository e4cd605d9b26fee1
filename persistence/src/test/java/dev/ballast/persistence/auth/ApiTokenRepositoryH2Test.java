package dev.ballast.persistence.auth;

import dev.ballast.persistence.testing.TestBackend;

class ApiTokenRepositoryH2Test extends ApiTokenRepositoryContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
