package dev.ballast.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.report.TradeAnnotations.Phase;
import dev.ballast.engine.report.TradeAnnotations.TradeRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TradeAnnotationsTest {
  private static final TradeRef REF = TradeRef.trade("rakuten", "tx-42");
  private static ActorTestKit testKit;
  private static EventSourcedBehaviorTestKit<TradeAnnotations.Command, TradeAnnotations.Event, TradeAnnotations.State> notes;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(Fixtures.testKitConfig());
    notes = EventSourcedBehaviorTestKit.create(testKit.system(), TradeAnnotations.create(REF.entityId(), Fixtures.clock()),
        EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    notes.clear();
  }

  static Map<String, String> answers(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void notesAreJournaledWithWhoAndWhenAndOnlyAppended() {
    var pre = notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.PRE,
        answers("thesis", "楽天・全米株式 is cheap after the drop", "exit_plan", "sell at +15%"), "alice", r));
    var accepted = (TradeAnnotations.Accepted) pre.reply();
    assertEquals("alice", accepted.annotation().by());
    assertEquals(Fixtures.NOW, accepted.annotation().at());
    assertEquals(new TradeAnnotations.AnnotationAdded(REF, accepted.annotation()), pre.event());
    notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.POST,
        answers("outcome", "sold at +12%", "matched_expectation", "Partly", "lesson", "scale out"), "alice", r));
    notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.POST,
        answers("outcome", "correction: +11.5% after fees"), "bob", r));
    notes.restart();
    List<TradeAnnotations.Annotation> all = notes.getState().annotations();
    assertEquals(List.of(Phase.PRE, Phase.POST, Phase.POST), all.stream().map(TradeAnnotations.Annotation::phase).toList());
    assertEquals("partly", all.get(1).answers().get("matched_expectation"));
    assertEquals("sold at +12%", all.get(1).answers().get("outcome"), "a later note does not rewrite an earlier one");
    assertEquals("bob", all.get(2).by());
    assertEquals(REF, notes.getState().ref());
  }

  @Test
  void refusalsNameTheFieldAndWriteNothing() {
    var missing = notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.PRE,
        answers("exit_plan", "later"), "alice", r));
    assertTrue(missing.hasNoEvents());
    var error = ((TradeAnnotations.Refused) missing.reply()).error();
    assertTrue(error instanceof CommandError.Invalid);
    assertTrue(error.toString().contains("thesis"), error.toString());

    var wrong = notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.PRE,
        answers("thesis", "x", "lesson", "not yet"), "alice", r));
    assertTrue(wrong.hasNoEvents());
    assertTrue(wrong.reply().toString().contains("lesson"), wrong.reply().toString());

    var matched = notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.POST,
        answers("outcome", "x", "matched_expectation", "maybe"), "alice", r));
    assertTrue(matched.hasNoEvents());

    var other = notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(TradeRef.order("o-1"), Phase.PRE,
        answers("thesis", "x"), "alice", r));
    assertTrue(other.hasNoEvents(), "a note for another trade is refused here");

    var tooLong = notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.PRE,
        answers("thesis", "x".repeat(4001)), "alice", r));
    assertTrue(tooLong.hasNoEvents());
    assertEquals(0, notes.getState().annotations().size());
  }

  @Test
  void phasesParse() {
    assertEquals(Phase.POST, Phase.parse("post"));
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Phase.parse("during"))
        .getMessage().startsWith("phase:"));
    assertEquals("order:o-1", TradeRef.order("o-1").entityId());
    assertEquals("trade:rakuten:tx-42", REF.entityId());
  }

  @Test
  void theSameNoteSentTwiceWithItsKeyLandsOnce() {
    String key = TradeAnnotations.key("journal-app", "n-7");
    var first = notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.PRE,
        answers("thesis", "cheap", "exit_plan", "+15%"), "alice", key, r));
    var accepted = (TradeAnnotations.Accepted) first.reply();
    assertEquals(false, accepted.repeated());
    assertEquals("journal-app:n-7", accepted.annotation().key());
    assertEquals(1, first.events().size());
    var again = notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.PRE,
        answers("thesis", "cheap", "exit_plan", "+15%"), "alice", key, r));
    assertTrue(again.hasNoEvents(), "a retry journals nothing");
    assertEquals(new TradeAnnotations.Accepted(accepted.annotation(), true), again.reply());
    notes.restart();
    // after a restart the key is still known: it is in the journaled note
    var afterRestart = notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.PRE,
        answers("thesis", "cheap", "exit_plan", "+15%"), "bob", key, r));
    assertTrue(afterRestart.hasNoEvents());
    assertEquals("alice", ((TradeAnnotations.Accepted) afterRestart.reply()).annotation().by());
    var other = notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.PRE,
        answers("thesis", "expensive"), "alice", key, r));
    assertTrue(other.hasNoEvents());
    assertTrue(((TradeAnnotations.Refused) other.reply()).error() instanceof CommandError.Conflict, other.reply().toString());
    var unkeyed = notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.PRE,
        answers("thesis", "cheap", "exit_plan", "+15%"), "alice", r));
    assertEquals(1, unkeyed.events().size(), "without a key every send is a new note");
    var blank = notes.<TradeAnnotations.Result>runCommand(r -> new TradeAnnotations.Annotate(REF, Phase.PRE,
        answers("thesis", "x"), "alice", " ", r));
    assertTrue(blank.hasNoEvents());
    assertTrue(blank.reply().toString().contains("key"), blank.reply().toString());
    assertEquals(2, notes.getState().annotations().size());
  }
}
