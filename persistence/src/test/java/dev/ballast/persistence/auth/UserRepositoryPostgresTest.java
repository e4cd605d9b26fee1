package dev.ballast.persistence.auth;

import dev.ballast.persistence.testing.TestBackend;

class UserRepositoryPostgresTest extends UserRepositoryContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
