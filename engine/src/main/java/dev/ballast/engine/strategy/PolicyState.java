package dev.ballast.engine.strategy;

import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.portfolio.TargetAllocation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a policy carries from one decision to the next, journaled in the decision that produced it
 * (the plan's {@code nextState}) and handed to the next decision in its inputs; null parts are
 * those of policies that have not run.
 */
public record PolicyState(Dca dca, Buckets buckets) {

  /**
   * DCA and value averaging: when the last period was invested, how many periods have been, the
   * amount (base currency) not invested yet because it was below a venue's minimum, and what the
   * contributions have spent in all.
   */
  public record Dca(Instant lastPeriodAt, long periods, BigDecimal carry, BigDecimal contributed) {
    public Dca {
      carry = Decimals.shortest(carry == null ? BigDecimal.ZERO : carry);
      contributed = Decimals.shortest(contributed == null ? BigDecimal.ZERO : contributed);
    }
  }

  /** Staggered buckets: the target each of the three buckets holds, the one to move next, and when one last moved. */
  public record Buckets(List<TargetAllocation> targets, int next, Instant lastMovedAt) {
    public Buckets {
      targets = List.copyOf(targets);
    }
  }

  public static final PolicyState NONE = new PolicyState(null, null);

  public PolicyState withDca(Dca next) {
    return new PolicyState(next, buckets);
  }

  public PolicyState withBuckets(Buckets next) {
    return new PolicyState(dca, next);
  }
}
