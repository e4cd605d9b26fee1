package dev.ballast.persistence.auth;

import dev.ballast.persistence.testing.TestBackend;

class UserRepositoryH2Test extends UserRepositoryContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
