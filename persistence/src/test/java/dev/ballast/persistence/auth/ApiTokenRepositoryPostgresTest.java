package dev.ballast.persistence.auth;

import dev.ballast.persistence.testing.TestBackend;

class ApiTokenRepositoryPostgresTest extends ApiTokenRepositoryContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
