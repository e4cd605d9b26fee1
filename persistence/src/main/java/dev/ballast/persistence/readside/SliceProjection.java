package dev.ballast.persistence.readside;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One slice's projection, as a sharded daemon process runs it: the projection runs as a child, and
 * when it meets an event it cannot apply this actor stops the child and stays, so that the daemon
 * process does not start the slice again over the same event and the other slices are untouched.
 * A restart of the node tries the slice again from its committed offset.
 */
public final class SliceProjection {
  private static final Logger LOG = LoggerFactory.getLogger(SliceProjection.class);

  /** Messages to a slice. */
  public sealed interface Command permits Stop, NotApplied, ChildEnded {}

  /** Stops the slice; the daemon process sends it when the node stops or the slice moves away. */
  public enum Stop implements Command {
    INSTANCE
  }

  private record NotApplied(EventNotApplied failure) implements Command {}

  private enum ChildEnded implements Command {
    INSTANCE
  }

  private SliceProjection() {}

  public static <E> Behavior<Command> create(Projection<EventEnvelope<E>> projection, ReadSideStatus status) {
    return Behaviors.setup(ctx -> {
      ProjectionId id = projection.projectionId();
      status.update(id, s -> s.with(SliceStatus.State.STARTING));
      SliceObserver<E> observer = new SliceObserver<>(status, failure -> ctx.getSelf().tell(new NotApplied(failure)));
      ActorRef<ProjectionBehavior.Command> child =
          ctx.spawn(ProjectionBehavior.create(projection.withStatusObserver(observer)), "projection");
      ctx.watchWith(child, ChildEnded.INSTANCE);
      return running(ctx, id, child);
    });
  }

  private static Behavior<Command> running(ActorContext<Command> ctx, ProjectionId id, ActorRef<ProjectionBehavior.Command> child) {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Stop.INSTANCE, () -> {
          child.tell(ProjectionBehavior.stopMessage());
          return stopping();
        })
        .onMessage(NotApplied.class, m -> {
          LOG.error("read-side slice {} of {} stopped: {}; the other slices go on; it tries again at the next start",
              id.key(), id.name(), m.failure().getMessage(), m.failure());
          child.tell(ProjectionBehavior.stopMessage());
          return halted();
        })
        .onMessageEquals(ChildEnded.INSTANCE, () -> {
          // the projection actor ended on its own: end too, and the daemon process starts the slice again
          LOG.warn("read-side slice {} of {} ended unexpectedly; it will be started again", id.key(), id.name());
          return Behaviors.stopped();
        })
        .build();
  }

  private static Behavior<Command> stopping() {
    return Behaviors.receive(Command.class)
        .onMessageEquals(ChildEnded.INSTANCE, Behaviors::stopped)
        .onMessage(Command.class, m -> Behaviors.same())
        .build();
  }

  private static Behavior<Command> halted() {
    return Behaviors.receive(Command.class)
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .onMessage(Command.class, m -> Behaviors.same())
        .build();
  }
}
