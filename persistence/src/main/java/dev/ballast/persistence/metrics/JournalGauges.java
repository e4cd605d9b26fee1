package dev.ballast.persistence.metrics;

import dev.ballast.persistence.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Cheap figures of the journal for monitoring (each an index lookup, not a scan). */
public final class JournalGauges {
  private final Database database;

  public JournalGauges(Database database) {
    this.database = database;
  }

  /** The highest ordering written: the number of events ever journaled, as the journal counts them. */
  public long highestOrdering() {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT MAX(\"ordering\") FROM \"event_journal\""); ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }
}
