package dev.ballast.persistence.execution;

import dev.ballast.persistence.testing.TestBackend;

class JdbcVenueBookH2Test extends JdbcVenueBookContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
