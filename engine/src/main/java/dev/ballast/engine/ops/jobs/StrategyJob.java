package dev.ballast.engine.ops.jobs;

import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The handler of the strategy jobs (issue 14): each strategy whose policy the job takes is checked
 * with the run's id as the check's idempotency key ({@link Strategy.CheckForRun}), so a run retried
 * after a crash decides nothing twice. Strategy checks take every policy, the momentum signal the
 * momentum rotation, DCA the contribution policies.
 */
public final class StrategyJob implements JobHandler {
  private final Supplier<List<PortfolioId>> strategies;
  private final Function<PortfolioId, RecipientRef<Strategy.Command>> entity;
  private final Predicate<String> policies;
  private final Duration timeout;
  private final Scheduler scheduler;

  public StrategyJob(Supplier<List<PortfolioId>> strategies, Function<PortfolioId, RecipientRef<Strategy.Command>> entity,
      Predicate<String> policies, Duration timeout, Scheduler scheduler) {
    this.strategies = strategies;
    this.entity = entity;
    this.policies = policies;
    this.timeout = timeout;
    this.scheduler = scheduler;
  }

  /** Which policies a job kind checks; every policy for the daily strategy checks. */
  public static Predicate<String> policiesOf(JobKind kind) {
    return switch (kind) {
      case MOMENTUM_SIGNAL -> Set.of(StrategyPolicy.MOMENTUM_NAME)::contains;
      case DCA -> Set.of(StrategyPolicy.DCA_NAME, StrategyPolicy.VALUE_AVERAGING_NAME)::contains;
      case STRATEGY_CHECKS -> policy -> true;
      default -> throw new IllegalArgumentException(kind.id() + " is not a strategy job");
    };
  }

  @Override
  public String run(JobRun run) throws Exception {
    int decided = 0;
    int already = 0;
    int skipped = 0;
    List<String> failed = new ArrayList<>();
    for (PortfolioId portfolio : strategies.get()) {
      RecipientRef<Strategy.Command> ref = entity.apply(portfolio);
      try {
        Strategy.State state = await(AskPattern.ask(ref, (ActorRef<Strategy.State> r) -> new Strategy.Get(r), timeout, scheduler));
        if (!(state instanceof Strategy.Configured c) || !policies.test(c.config().policy())) {
          skipped++;
          continue;
        }
        Strategy.CheckResult result = await(AskPattern.ask(ref,
            (ActorRef<Strategy.CheckResult> r) -> new Strategy.CheckForRun(run.runId(), r), timeout, scheduler));
        if (result instanceof Strategy.Decided) {
          decided++;
        } else if (result instanceof Strategy.AlreadyDecided) {
          already++;
        } else if (result instanceof Strategy.Refused refused) {
          failed.add(portfolio.value() + ": " + refused.error());
        }
      } catch (Exception e) {
        failed.add(portfolio.value() + ": " + e.getMessage());
      }
    }
    String summary = decided + " decided, " + already + " decided by an earlier try of this run, " + skipped + " not this job's";
    if (!failed.isEmpty()) {
      // the others stand; the retry of this run decides only the failed ones (the rest answer AlreadyDecided)
      throw new IllegalStateException(summary + "; " + failed.size() + " failed: " + String.join("; ", failed));
    }
    return summary;
  }

  private <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
