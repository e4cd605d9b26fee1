package dev.ballast.engine.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MarketRegime entity: days journaled, changes journaled with their inputs, the same regime after a restart. */
class MarketRegimeTest {
  private static ActorTestKit testKit;
  private EventSourcedBehaviorTestKit<MarketRegime.Command, MarketRegime.Event, MarketRegime.State> regime;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(dev.ballast.engine.Fixtures.testKitConfig());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    regime = EventSourcedBehaviorTestKit.create(testKit.system(),
        MarketRegime.create(MarketRegime.CRYPTO, RegimeSettings.DEFAULTS, Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC)),
        EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
    regime.clear();
  }

  @Test
  void aRallyIsJournaledAsOneChangeWithItsInputsAndSurvivesARestart() {
    RegimeClassifierTest.Path p = new RegimeClassifierTest.Path().flat(40).days(40, 0.005, 0, 0, 0);
    List<MarketRegime.RegimeChanged> changes = new ArrayList<>();
    for (MarketDay d : p.days) {
      var result = regime.<MarketRegime.Observed>runCommand(reply -> new MarketRegime.ObserveDay(d, reply));
      assertTrue(result.reply().recorded());
      assertInstanceOf(MarketRegime.DayObserved.class, result.events().get(0));
      if (result.reply().change() != null) {
        assertEquals(List.of(MarketRegime.DayObserved.class, MarketRegime.RegimeChanged.class),
            result.events().stream().map(Object::getClass).toList());
        changes.add(result.reply().change());
      }
    }
    assertEquals(1, changes.size());
    MarketRegime.RegimeChanged c = changes.get(0);
    assertEquals(Regime.HODL, c.from());
    assertEquals(Regime.RISK_ON, c.to());
    assertEquals(RegimeClassifier.run(p.days, RegimeSettings.DEFAULTS).get(0).inputs(), c.inputs());

    MarketRegime.Status before = regime.<MarketRegime.Status>runCommand(MarketRegime.GetStatus::new).reply();
    regime.restart();
    MarketRegime.Status after = regime.<MarketRegime.Status>runCommand(MarketRegime.GetStatus::new).reply();
    assertEquals(before, after);
    assertEquals(Regime.RISK_ON, after.regime());
    assertEquals(c.day(), after.since());
    assertEquals(p.days.get(p.days.size() - 1).date(), after.lastDay());
  }

  @Test
  void aDayAlreadySeenIsAcknowledgedWithoutAnEvent() {
    MarketDay d = new RegimeClassifierTest.Path().flat(1).days.get(0);
    assertTrue(regime.<MarketRegime.Observed>runCommand(reply -> new MarketRegime.ObserveDay(d, reply)).reply().recorded());
    var again = regime.<MarketRegime.Observed>runCommand(reply -> new MarketRegime.ObserveDay(d, reply));
    assertFalse(again.reply().recorded());
    assertTrue(again.events().isEmpty());
    assertNull(again.reply().change());
  }
}
