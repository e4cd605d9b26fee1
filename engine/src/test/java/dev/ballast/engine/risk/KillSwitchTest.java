package dev.ballast.engine.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.model.CommandError;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KillSwitchTest {
  private static ActorTestKit testKit;
  private static final List<KillSwitch.KillSwitchEngaged> HOOKED = new CopyOnWriteArrayList<>();
  private static EventSourcedBehaviorTestKit<KillSwitch.Command, KillSwitch.Event, KillSwitch.State> kill;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(Fixtures.testKitConfig());
    kill = EventSourcedBehaviorTestKit.create(testKit.system(), KillSwitch.create(Fixtures.clock(), HOOKED::add),
        EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    kill.clear();
    HOOKED.clear();
  }

  @Test
  void engagingRecordsWhoAndWhyRunsTheHookAndSurvivesARestart() {
    var result = kill.<KillSwitch.Result>runCommand(r -> new KillSwitch.Engage("admin", "venue outage", r));

    var accepted = (KillSwitch.Accepted) result.reply();
    assertTrue(accepted.changed());
    assertEquals(new KillSwitch.KillSwitchEngaged("admin", "venue outage", Fixtures.NOW), result.event());
    assertEquals(List.of(result.event()), HOOKED);
    kill.restart();
    KillSwitch.State state = kill.getState();
    assertTrue(state.engaged());
    assertEquals("admin", state.by());
    assertEquals("venue outage", state.reason());
  }

  @Test
  void engagingTwiceKeepsTheFirstReasonAndResetTurnsItOff() {
    kill.<KillSwitch.Result>runCommand(r -> new KillSwitch.Engage("admin", "first", r));
    var again = kill.<KillSwitch.Result>runCommand(r -> new KillSwitch.Engage("ops", "second", r));
    assertFalse(((KillSwitch.Accepted) again.reply()).changed());
    assertTrue(again.hasNoEvents());

    var reset = kill.<KillSwitch.Result>runCommand(r -> new KillSwitch.Reset("ops", r));
    KillSwitch.State state = ((KillSwitch.Accepted) reset.reply()).state();
    assertFalse(state.engaged());
    assertEquals("first", state.reason());
    assertEquals("ops", state.resetBy());
    assertFalse(((KillSwitch.Accepted) kill.<KillSwitch.Result>runCommand(r -> new KillSwitch.Reset("ops", r)).reply()).changed());
  }

  @Test
  void anEngageWithoutAReasonIsRefusedNamingTheField() {
    var result = kill.<KillSwitch.Result>runCommand(r -> new KillSwitch.Engage("admin", " ", r));
    var invalid = assertInstanceOf(CommandError.Invalid.class, ((KillSwitch.Refused) result.reply()).error());
    assertEquals("reason", invalid.errors().get(0).field());
    assertTrue(result.hasNoEvents());
  }
}
