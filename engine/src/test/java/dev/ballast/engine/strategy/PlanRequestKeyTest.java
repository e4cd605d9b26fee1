package dev.ballast.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.model.PortfolioId;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An idempotency key held by its first portfolio and request, across a restart. */
class PlanRequestKeyTest {
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(Fixtures.testKitConfig());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void theFirstClaimHoldsTheKeyAndARestartKeepsIt() {
    EventSourcedBehaviorTestKit<PlanRequestKey.Command, PlanRequestKey.Event, PlanRequestKey.State> key = EventSourcedBehaviorTestKit.create(
        testKit.system(), PlanRequestKey.create("key-1", Fixtures.clock()),
        EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
    PortfolioId main = PortfolioId.of("main");

    var first = key.<PlanRequestKey.Claimed>runCommand(r -> new PlanRequestKey.Claim(main, "d1", r));
    assertEquals(new PlanRequestKey.Claimed(main, "d1"), first.reply());
    assertEquals(new PlanRequestKey.PlanRequestKeyClaimed("key-1", main, "d1", Fixtures.NOW), first.event());

    var repeat = key.<PlanRequestKey.Claimed>runCommand(r -> new PlanRequestKey.Claim(main, "d1", r));
    assertTrue(repeat.reply().holds(main, "d1"));
    assertTrue(repeat.hasNoEvents());

    key.restart();
    var elsewhere = key.<PlanRequestKey.Claimed>runCommand(r -> new PlanRequestKey.Claim(PortfolioId.of("other"), "d1", r));
    assertFalse(elsewhere.reply().holds(PortfolioId.of("other"), "d1"));
    assertEquals(main, elsewhere.reply().portfolio());
    assertFalse(key.<PlanRequestKey.Claimed>runCommand(r -> new PlanRequestKey.Claim(main, "d2", r)).reply().holds(main, "d2"));
    assertTrue(elsewhere.hasNoEvents());
  }
}
