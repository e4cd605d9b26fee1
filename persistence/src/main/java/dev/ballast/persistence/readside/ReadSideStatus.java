package dev.ballast.persistence.readside;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.pekko.projection.ProjectionId;

/**
 * The state of every slice projection running on this node, kept up to date by the projections'
 * status observers and read by the health endpoint. A slice that runs on another node of a cluster
 * is reported there.
 */
public final class ReadSideStatus {
  private final ConcurrentHashMap<ProjectionId, SliceStatus> slices = new ConcurrentHashMap<>();

  /** Every slice this node has run, by projection and slice. */
  public List<SliceStatus> slices() {
    return slices.values().stream()
        .sorted(Comparator.comparing(SliceStatus::projection).thenComparing(s -> sliceNumber(s.slice())))
        .toList();
  }

  /** One slice's status, if this node has run it. */
  public java.util.Optional<SliceStatus> slice(ProjectionId id) {
    return java.util.Optional.ofNullable(slices.get(id));
  }

  /** True when no slice is stopped on an event it cannot apply. */
  public boolean healthy() {
    return slices.values().stream().noneMatch(s -> s.state() == SliceStatus.State.STOPPED);
  }

  void update(ProjectionId id, UnaryOperator<SliceStatus> change) {
    slices.compute(id, (key, old) -> change.apply(
        old != null ? old : new SliceStatus(id.name(), id.key(), SliceStatus.State.STARTING, 0, null)));
  }

  private static int sliceNumber(String slice) {
    int dash = slice.lastIndexOf('-');
    try {
      return dash < 0 ? 0 : Integer.parseInt(slice.substring(dash + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
