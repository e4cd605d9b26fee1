package dev.ballast.persistence.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.readside.ReadSideLag;
import dev.ballast.persistence.readside.ReadSideStatus;
import dev.ballast.persistence.readside.SliceStatus;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Waits for the read side the only way that says it is done: until every slice's committed
 * projection offset has reached the journal's last event of that slice, as the journal stood when
 * the wait began. A test that then reads any read table sees every event written before the wait.
 */
public final class ReadSideAwait {
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private ReadSideAwait() {}

  /** Every slice that has events. */
  public static void caughtUp(Database database) {
    caughtUp(database, null, tag -> true);
  }

  /** Every slice that has events; fails at once, with the reason, when a slice stopped on an event. */
  public static void caughtUp(Database database, ReadSideStatus status) {
    caughtUp(database, status, tag -> true);
  }

  /** The slices whose tag {@code which} accepts, such as the ones a test did not stop on purpose. */
  public static void caughtUp(Database database, ReadSideStatus status, Predicate<String> which) {
    ReadSideLag.Targets targets = ReadSideLag.targets(database, which);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      List<String> behind = targets.behind(database);
      if (behind.isEmpty()) {
        return;
      }
      if (status != null) {
        for (SliceStatus s : status.slices()) {
          if (s.state() == SliceStatus.State.STOPPED && targets.offsets().containsKey(s.slice())) {
            fail("read-side slice " + s.slice() + " of " + s.projection() + " stopped: " + s.failure());
          }
        }
      }
      if (System.nanoTime() > deadline) {
        fail("the read side did not reach the journal within " + TIMEOUT + "; behind: " + behind);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for the read side");
      }
    }
  }
}
