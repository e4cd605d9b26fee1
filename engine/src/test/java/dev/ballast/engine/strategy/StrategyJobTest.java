package dev.ballast.engine.strategy;

import dev.ballast.engine.ops.jobs.JobKind;
import dev.ballast.engine.ops.jobs.JobRun;
import dev.ballast.engine.ops.jobs.StrategyJob;

import static dev.ballast.engine.strategy.PlanFixtures.JPY;
import static dev.ballast.engine.strategy.PlanFixtures.config;
import static dev.ballast.engine.strategy.PlanFixtures.holding;
import static dev.ballast.engine.strategy.PlanFixtures.price;
import static dev.ballast.engine.strategy.PlanFixtures.rule;
import static dev.ballast.engine.strategy.PlanFixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.strategy.IntentSink;
import dev.ballast.engine.strategy.PlanInputs;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyConfig;
import dev.ballast.engine.strategy.StrategyInputs;
import dev.ballast.engine.strategy.StrategyMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The strategy jobs' handler on real Strategy entities: each job checks its policies, a retried run decides nothing twice. */
class StrategyJobTest {
  private static ActorTestKit testKit;
  private static final Map<PortfolioId, ActorRef<Strategy.Command>> ENTITIES = new ConcurrentHashMap<>();
  private static final java.util.Set<PortfolioId> UNREACHABLE = ConcurrentHashMap.newKeySet();
  private static Strategy.Settings settings;

  private static final PlanInputs IN = new PlanInputs(JPY, List.of(holding("BTC", "0"), holding("VTI", "0"), holding("JPY", "500000")),
      List.of(price("BTC", "10000000"), price("VTI", "30000")), List.of(), targets("BTC", 60, "VTI", 40),
      config("1", "0", "1000", "0", List.of(rule("BTC", "0.0001"), rule("VTI", "1"))));

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(Fixtures.testKitConfig());
    StrategyInputs inputs = (portfolio, config) -> UNREACHABLE.contains(portfolio)
        ? CompletableFuture.failedFuture(new StrategyInputs.StrategyInputsException("the ledger of " + portfolio + " does not answer"))
        : CompletableFuture.completedFuture(new PlanInputs(IN.baseCurrency(), IN.holdings(), IN.prices(), IN.fx(), IN.targets(), config));
    IntentSink sink = (decisionId, mode, intents) -> CompletableFuture.completedFuture(null);
    settings = new Strategy.Settings(Fixtures.clock(), inputs, sink, i -> java.util.Optional.empty(),
        () -> CompletableFuture.completedFuture(false), 100, Fixtures.SLICES);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static PortfolioId strategy(String name, String policy, PolicySettings policySettings) {
    PortfolioId id = PortfolioId.of(name);
    ActorRef<Strategy.Command> ref = testKit.spawn(Strategy.create(id, settings));
    ENTITIES.put(id, ref);
    TestProbe<Strategy.Result> probe = testKit.createTestProbe();
    ref.tell(new Strategy.Configure(new StrategyConfig(policy, IN.config(), StrategyMode.DRY_RUN, null, null, policySettings), probe.getRef()));
    probe.expectMessage(new Strategy.Accepted(true));
    return id;
  }

  private static long decisions(PortfolioId id) {
    TestProbe<Strategy.State> probe = testKit.createTestProbe();
    ENTITIES.get(id).tell(new Strategy.Get(probe.getRef()));
    return ((Strategy.Configured) probe.receiveMessage()).decisions();
  }

  private static StrategyJob job(JobKind kind, List<PortfolioId> ids) {
    return new StrategyJob(() -> ids, ENTITIES::get, StrategyJob.policiesOf(kind), Duration.ofSeconds(5), testKit.system().scheduler());
  }

  private static JobRun run(JobKind kind, String due) {
    return new JobRun(JobRun.runId(kind.id(), Instant.parse(due)), kind.id(), kind, Instant.parse(due), 1);
  }

  @Test
  void eachJobChecksItsPoliciesAndARetriedRunDecidesNothingTwice() throws Exception {
    PortfolioId threshold = strategy("job-threshold", null, null);
    PortfolioId dca = strategy("job-dca", "dca", new PolicySettings(new PolicySettings.Dca(Money.of("100000", "JPY"), Duration.ofDays(7)), null));
    PortfolioId unconfigured = PortfolioId.of("job-none");
    ENTITIES.put(unconfigured, testKit.spawn(Strategy.create(unconfigured, settings)));
    List<PortfolioId> all = List.of(threshold, dca, unconfigured);

    JobRun dcaRun = run(JobKind.DCA, "2026-03-02T10:00:00Z");
    assertEquals("1 decided, 0 decided by an earlier try of this run, 2 not this job's", job(JobKind.DCA, all).run(dcaRun));
    assertEquals(0, decisions(threshold));
    assertEquals(1, decisions(dca));
    // the same run again (a retry after a crash): nothing new
    assertEquals("0 decided, 1 decided by an earlier try of this run, 2 not this job's", job(JobKind.DCA, all).run(dcaRun));
    assertEquals(1, decisions(dca));

    JobRun checks = run(JobKind.STRATEGY_CHECKS, "2026-03-02T09:00:00Z");
    assertEquals("2 decided, 0 decided by an earlier try of this run, 1 not this job's", job(JobKind.STRATEGY_CHECKS, all).run(checks));
    assertEquals("0 decided, 2 decided by an earlier try of this run, 1 not this job's", job(JobKind.STRATEGY_CHECKS, all).run(checks));
    assertEquals(1, decisions(threshold));
    assertEquals(2, decisions(dca));

    JobRun momentum = run(JobKind.MOMENTUM_SIGNAL, "2026-03-01T08:00:00Z");
    assertEquals("0 decided, 0 decided by an earlier try of this run, 3 not this job's", job(JobKind.MOMENTUM_SIGNAL, all).run(momentum));
  }

  @Test
  void aStrategyThatCannotDecideFailsTheRunAndItsRetryDecidesOnlyThatOne() throws Exception {
    PortfolioId ok = strategy("fail-ok", null, null);
    PortfolioId down = strategy("fail-down", null, null);
    UNREACHABLE.add(down);
    JobRun checks = run(JobKind.STRATEGY_CHECKS, "2026-03-04T09:00:00Z");

    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> job(JobKind.STRATEGY_CHECKS, List.of(ok, down)).run(checks));
    assertTrue(failure.getMessage().contains("1 failed: fail-down"), failure.getMessage());
    assertEquals(1, decisions(ok));

    UNREACHABLE.remove(down);
    assertEquals("1 decided, 1 decided by an earlier try of this run, 0 not this job's", job(JobKind.STRATEGY_CHECKS, List.of(ok, down)).run(checks));
    assertEquals(1, decisions(ok));
    assertEquals(1, decisions(down));
  }
}
