package dev.ballast.persistence.readside;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.persistence.db.DataSourceJdbcSession;
import dev.ballast.persistence.db.Database;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Wires the read-side projections: events by tag from the JDBC journal, exactly-once into the read
 * tables (the offset commits with the rows). They run as sharded daemon processes, so on several
 * nodes each still runs once.
 */
public final class ReadSideProjections {
  public static final ProjectionId ACCOUNTS = ProjectionId.of("accounts", AccountLedger.TAG);
  public static final ProjectionId PORTFOLIOS = ProjectionId.of("portfolios", Portfolio.TAG);

  private ReadSideProjections() {}

  /** Creates the offset tables if missing; idempotent, called once at start. */
  public static void createOffsetTables(ActorSystem<?> system, Database database) {
    try {
      JdbcProjection.createTablesIfNotExists(() -> new DataSourceJdbcSession(database), system)
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the projection offset tables", e);
    }
  }

  public static Projection<EventEnvelope<AccountLedger.Event>> accounts(ActorSystem<?> system, Database database, ReadSideRepository repository) {
    return JdbcProjection.exactlyOnce(
            ACCOUNTS,
            EventSourcedProvider.<AccountLedger.Event>eventsByTag(system, JdbcReadJournal.Identifier(), AccountLedger.TAG),
            () -> new DataSourceJdbcSession(database),
            () -> new AccountProjectionHandler(repository),
            system)
        .withRestartBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);
  }

  public static Projection<EventEnvelope<Portfolio.Event>> portfolios(ActorSystem<?> system, Database database, ReadSideRepository repository) {
    return JdbcProjection.exactlyOnce(
            PORTFOLIOS,
            EventSourcedProvider.<Portfolio.Event>eventsByTag(system, JdbcReadJournal.Identifier(), Portfolio.TAG),
            () -> new DataSourceJdbcSession(database),
            () -> new PortfolioProjectionHandler(repository),
            system)
        .withRestartBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);
  }

  /** Starts both projections on the cluster. */
  public static void start(ActorSystem<?> system, Database database, ReadSideRepository repository) {
    ShardedDaemonProcess daemons = ShardedDaemonProcess.get(system);
    daemons.init(ProjectionBehavior.Command.class, "accounts-projection", 1,
        i -> ProjectionBehavior.create(accounts(system, database, repository)), ProjectionBehavior.stopMessage());
    daemons.init(ProjectionBehavior.Command.class, "portfolios-projection", 1,
        i -> ProjectionBehavior.create(portfolios(system, database, repository)), ProjectionBehavior.stopMessage());
  }
}
