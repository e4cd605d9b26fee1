package dev.ballast.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.persistence.testing.TestBackend;
import org.junit.jupiter.api.Test;

class JournalWriteH2Test extends JournalWriteContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }

  @Test
  void theJournalIsWrittenByItsDao() {
    assertEquals("dev.ballast.persistence.journal.BatchedJournalDao", configuredDao());
  }
}
