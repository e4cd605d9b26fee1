package dev.ballast.persistence.readside;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/** Tells a passing database failure, worth trying again, from one that the same event would meet again. */
final class Failures {
  // SQL state classes: 08 connection, 40 transaction rollback (serialization, deadlock),
  // 53 insufficient resources and 57 operator intervention (PostgreSQL)
  private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57");
  // H2's own states for a database closed or closing, a broken connection, a concurrent update
  private static final Set<String> H2_TRANSIENT = Set.of("90098", "90121", "90067", "90131");

  private Failures() {}

  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (H2_TRANSIENT.contains(state) || state.startsWith("HYT")
            || (state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2)))) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
