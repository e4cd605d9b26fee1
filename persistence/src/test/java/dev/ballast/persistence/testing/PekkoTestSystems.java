package dev.ballast.persistence.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ballast.persistence.db.DatabaseSettings;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/**
 * Actor systems for tests: journal, snapshots, read journal and projections on one test database,
 * a local provider (entities and projections are spawned directly, without sharding), and a read
 * journal that polls often so that projections catch up quickly.
 */
public final class PekkoTestSystems {
  private PekkoTestSystems() {}

  public static Config config(DatabaseSettings db) {
    return db.pekkoConfig()
        .withFallback(ConfigFactory.parseString(
            "pekko.actor.provider = local\n"
                + "pekko.loglevel = WARNING\n"
                + "pekko.loggers = [\"org.apache.pekko.event.slf4j.Slf4jLogger\"]\n"
                + "pekko.logging-filter = \"org.apache.pekko.event.slf4j.Slf4jLoggingFilter\"\n"
                + "jdbc-read-journal.refresh-interval = 50ms\n"
                + "jdbc-read-journal.journal-sequence-retrieval.query-delay = 50ms\n"
                // a write still uncommitted after max-tries queries is passed over for good (see config/application.conf)
                + "jdbc-read-journal.journal-sequence-retrieval.max-tries = 600\n"
                + dev.ballast.engine.Fixtures.TESTKIT_TIMEOUTS))
        .withFallback(ConfigFactory.load());
  }

  public static ActorTestKit testKit(String name, DatabaseSettings db) {
    return ActorTestKit.create(name, config(db));
  }
}
