package dev.ballast.persistence.ops;

import dev.ballast.persistence.testing.TestBackend;

class DurableJobsPostgresTest extends DurableJobsContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
