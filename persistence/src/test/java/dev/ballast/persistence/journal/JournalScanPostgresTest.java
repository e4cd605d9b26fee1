package dev.ballast.persistence.journal;

import dev.ballast.persistence.testing.TestBackend;

class JournalScanPostgresTest extends JournalScanContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
