package dev.ballast.persistence.execution;

import dev.ballast.persistence.testing.TestBackend;

class JdbcVenueBookPostgresTest extends JdbcVenueBookContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
