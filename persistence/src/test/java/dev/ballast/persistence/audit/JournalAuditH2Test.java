package dev.ballast.persistence.audit;

import dev.ballast.persistence.testing.TestBackend;

class JournalAuditH2Test extends JournalAuditContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
