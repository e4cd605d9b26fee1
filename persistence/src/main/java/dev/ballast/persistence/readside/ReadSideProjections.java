package dev.ballast.persistence.readside;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.persistence.db.DataSourceJdbcSession;
import dev.ballast.persistence.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.projection.HandlerRecoveryStrategy;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;
import org.apache.pekko.persistence.query.Offset;

/**
 * Wires the read-side projections: one instance per slice and entity type ({@code accounts} over
 * the tags {@code account-0..N-1}, {@code portfolios} over {@code portfolio-0..N-1}), each reading
 * its tag from the JDBC journal and writing exactly once into the read tables: a group of events
 * and the offset of its last one commit in one transaction. They run as sharded daemon processes,
 * so the slices spread over the nodes of a cluster and each runs once.
 */
public final class ReadSideProjections {
  public static final String ACCOUNTS = "accounts";
  public static final String PORTFOLIOS = "portfolios";

  private final ActorSystem<?> system;
  private final Database database;
  private final ReadSideRepository repository;
  private final ReadSideSettings settings;
  private final Slices slices;
  private final ReadSideStatus status;

  /**
   * @param slices the count {@link SliceCount#fix} returned for this database; the entities must tag with the same
   */
  public ReadSideProjections(ActorSystem<?> system, Database database, ReadSideRepository repository, ReadSideSettings settings,
      Slices slices, ReadSideStatus status) {
    this.system = system;
    this.database = database;
    this.repository = repository;
    this.settings = settings;
    this.slices = slices;
    this.status = status;
  }

  public static ProjectionId accountsSlice(int slice) {
    return ProjectionId.of(ACCOUNTS, Slices.tag(AccountLedger.TAG, slice));
  }

  public static ProjectionId portfoliosSlice(int slice) {
    return ProjectionId.of(PORTFOLIOS, Slices.tag(Portfolio.TAG, slice));
  }

  /** Every projection instance of this read side. */
  public List<ProjectionId> ids() {
    List<ProjectionId> ids = new ArrayList<>();
    for (int i = 0; i < slices.count(); i++) {
      ids.add(accountsSlice(i));
    }
    for (int i = 0; i < slices.count(); i++) {
      ids.add(portfoliosSlice(i));
    }
    return ids;
  }

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

  public Projection<EventEnvelope<AccountLedger.Event>> accounts(int slice) {
    return projection(accountsSlice(slice), () -> new AccountProjectionHandler(repository));
  }

  public Projection<EventEnvelope<Portfolio.Event>> portfolios(int slice) {
    return projection(portfoliosSlice(slice), () -> new PortfolioProjectionHandler(repository));
  }

  /** One slice of the accounts projection, stopped alone on an event it cannot apply. */
  public Behavior<SliceProjection.Command> accountsBehavior(int slice) {
    return SliceProjection.create(accounts(slice), status);
  }

  public Behavior<SliceProjection.Command> portfoliosBehavior(int slice) {
    return SliceProjection.create(portfolios(slice), status);
  }

  /** Starts every slice on the cluster. */
  public void start() {
    ShardedDaemonProcess daemons = ShardedDaemonProcess.get(system);
    daemons.init(SliceProjection.Command.class, "accounts-projection", slices.count(), this::accountsBehavior,
        SliceProjection.Stop.INSTANCE);
    daemons.init(SliceProjection.Command.class, "portfolios-projection", slices.count(), this::portfoliosBehavior,
        SliceProjection.Stop.INSTANCE);
  }

  private <E> Projection<EventEnvelope<E>> projection(ProjectionId id,
      Supplier<JdbcHandler<List<EventEnvelope<E>>, DataSourceJdbcSession>> handler) {
    SourceProvider<Offset, EventEnvelope<E>> events = EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), id.key());
    return JdbcProjection.groupedWithin(id, events, () -> new DataSourceJdbcSession(database), handler, system)
        .withGroup(settings.groupAfterEnvelopes(), settings.groupAfterDuration())
        .withRecoveryStrategy(settings.retries() == 0 ? HandlerRecoveryStrategy.fail()
            : HandlerRecoveryStrategy.retryAndFail(settings.retries(), settings.retryDelay()))
        .withRestartBackoff(settings.restartMinBackoff(), settings.restartMaxBackoff(), 0.2);
  }
}
