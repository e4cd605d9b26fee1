package dev.ballast.persistence.ops;

import dev.ballast.persistence.testing.TestBackend;

class DurableJobsH2Test extends DurableJobsContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
