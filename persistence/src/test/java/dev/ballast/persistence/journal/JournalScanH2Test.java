package dev.ballast.persistence.journal;

import dev.ballast.persistence.testing.TestBackend;

class JournalScanH2Test extends JournalScanContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
