package dev.ballast.persistence.execution;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.execution.Execution;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.persistence.db.DataSourceJdbcSession;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.readside.ReadSideSettings;
import dev.ballast.persistence.readside.ReadSideStatus;
import dev.ballast.persistence.readside.SliceProjection;
import dev.ballast.persistence.strategy.DecisionProjectionHandler;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.HandlerRecoveryStrategy;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Wires the trading read side as the ledger's is wired: one exactly-once projection per slice,
 * {@code orders} over the Execution tags {@code execution-0..N-1} (orders and fills), {@code decisions}
 * over the Strategy tags {@code strategy-0..N-1}, each a sharded daemon process.
 */
public final class TradingProjections {
  public static final String ORDERS = "orders";
  public static final String DECISIONS = "decisions";

  private final ActorSystem<?> system;
  private final Database database;
  private final ObjectMapper json;
  private final Function<AccountId, String> venueOf;
  private final ReadSideSettings settings;
  private final Slices slices;
  private final ReadSideStatus status;

  public TradingProjections(ActorSystem<?> system, Database database, ObjectMapper json, Function<AccountId, String> venueOf,
      ReadSideSettings settings, Slices slices, ReadSideStatus status) {
    this.system = system;
    this.database = database;
    this.json = json;
    this.venueOf = venueOf;
    this.settings = settings;
    this.slices = slices;
    this.status = status;
  }

  public static ProjectionId ordersSlice(int slice) {
    return ProjectionId.of(ORDERS, Slices.tag(Execution.TAG, slice));
  }

  public static ProjectionId decisionsSlice(int slice) {
    return ProjectionId.of(DECISIONS, Slices.tag(Strategy.TAG, slice));
  }

  public Behavior<SliceProjection.Command> ordersBehavior(int slice) {
    return SliceProjection.create(projection(ordersSlice(slice), () -> new OrderProjectionHandler(venueOf)), status);
  }

  public Behavior<SliceProjection.Command> decisionsBehavior(int slice) {
    return SliceProjection.create(projection(decisionsSlice(slice), () -> new DecisionProjectionHandler(json)), status);
  }

  /** Starts every slice on the cluster. */
  public void start() {
    ShardedDaemonProcess daemons = ShardedDaemonProcess.get(system);
    daemons.init(SliceProjection.Command.class, "orders-projection", slices.count(), this::ordersBehavior, SliceProjection.Stop.INSTANCE);
    daemons.init(SliceProjection.Command.class, "decisions-projection", slices.count(), this::decisionsBehavior,
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
