package dev.ballast.persistence.audit;

import dev.ballast.persistence.testing.TestBackend;

class JournalAuditPostgresTest extends JournalAuditContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
