package dev.ballast.engine.portfolio;

import static dev.ballast.engine.Fixtures.NOW;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.portfolioId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.portfolio.Portfolio.Accepted;
import dev.ballast.engine.portfolio.Portfolio.Active;
import dev.ballast.engine.portfolio.Portfolio.Command;
import dev.ballast.engine.portfolio.Portfolio.Event;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.portfolio.Portfolio.Refused;
import dev.ballast.engine.portfolio.Portfolio.Result;
import dev.ballast.engine.portfolio.Portfolio.State;
import dev.ballast.engine.portfolio.TargetAllocation.Kind;
import dev.ballast.engine.portfolio.TargetAllocation.Target;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortfolioTest {

  private static final AccountId ACCOUNT = AccountId.of("acc-1");
  private static ActorTestKit testKit;
  private static EventSourcedBehaviorTestKit<Command, Event, State> portfolio;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(dev.ballast.engine.Fixtures.testKitConfig());
    portfolio =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            Portfolio.create(portfolioId(), Fixtures.clock(), 100, Fixtures.SLICES),
            EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    portfolio.clear();
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static CommandResultWithReply<Command, Event, State, Result> create(String name, AssetId currency) {
    return portfolio.runCommand(replyTo -> new Portfolio.Create(name, currency, replyTo));
  }

  private static CommandResultWithReply<Command, Event, State, Result> create() {
    return create("Family", jpy());
  }

  private static CommandResultWithReply<Command, Event, State, Result> attach(AccountId id) {
    return portfolio.runCommand(replyTo -> new Portfolio.AttachAccount(id, replyTo));
  }

  private static CommandResultWithReply<Command, Event, State, Result> detach(AccountId id) {
    return portfolio.runCommand(replyTo -> new Portfolio.DetachAccount(id, replyTo));
  }

  private static CommandResultWithReply<Command, Event, State, Result> target(TargetAllocation allocation) {
    return portfolio.runCommand(replyTo -> new Portfolio.SetTargetAllocation(allocation, replyTo));
  }

  private static Target t(String key, String percent) {
    return new Target(key, new BigDecimal(percent));
  }

  private static TargetAllocation byAsset(Target... targets) {
    return new TargetAllocation(Kind.ASSET, List.of(targets), null);
  }

  private static List<String> refused(CommandResultWithReply<Command, Event, State, Result> result) {
    assertTrue(result.hasNoEvents(), "a refused command persists nothing");
    CommandError error = result.replyOfType(Refused.class).error();
    if (error instanceof CommandError.Invalid invalid) {
      return invalid.errors().stream().map(FieldError::field).toList();
    }
    return List.of(error instanceof CommandError.NotFound ? "not-found" : error instanceof CommandError.Conflict ? "conflict" : "unavailable");
  }

  // ---- Create -----------------------------------------------------------------------------

  @Test
  void createPersistsPortfolioCreated() {
    var result = create();

    assertEquals(new Accepted(true), result.reply());
    assertEquals(new Portfolio.PortfolioCreated(portfolioId(), "Family", jpy(), NOW), result.event());
    assertEquals(new Active(portfolioId(), "Family", jpy(), NOW, Set.of(), null), result.state());
  }

  @Test
  void repeatingCreateIsAcknowledgedWithoutAnEvent() {
    create();
    var again = create();

    assertEquals(new Accepted(false), again.reply());
    assertTrue(again.hasNoEvents());
  }

  @Test
  void createWithAnotherNameOrCurrencyOnAnExistingPortfolioIsRefused() {
    create();

    assertEquals(List.of("conflict"), refused(create("Other", jpy())));
    assertEquals(List.of("conflict"), refused(create("Family", AssetId.of("USD"))));
    assertEquals("Family", portfolio.getState() instanceof Active a ? a.name() : null);
  }

  @Test
  void createWithACurrencyThatIsNotFiatIsRefused() {
    var result = create("Family", AssetId.of("BTC"));

    assertEquals(List.of("baseCurrency"), refused(result));
    assertEquals(new Portfolio.NotCreated(), result.state());
  }

  @Test
  void createWithoutCurrencyOrNameIsRefused() {
    assertEquals(List.of("baseCurrency"), refused(create("Family", null)));
    assertEquals(List.of("name"), refused(create(" ", jpy())));
  }

  // ---- AttachAccount / DetachAccount ------------------------------------------------------

  @Test
  void attachAddsTheAccountAndARepeatChangesNothing() {
    create();
    var first = attach(ACCOUNT);

    assertEquals(new Accepted(true), first.reply());
    assertEquals(new Portfolio.AccountAttached(portfolioId(), ACCOUNT, NOW), first.event());
    assertEquals(Set.of(ACCOUNT), first.stateOfType(Active.class).accounts());

    var again = attach(ACCOUNT);
    assertEquals(new Accepted(false), again.reply());
    assertTrue(again.hasNoEvents());
  }

  @Test
  void accountsAreKeptInIdOrder() {
    create();
    attach(AccountId.of("zeta"));
    attach(AccountId.of("alpha"));

    Active state = (Active) portfolio.getState();
    assertEquals(List.of("alpha", "zeta"), state.accounts().stream().map(AccountId::value).toList());
  }

  @Test
  void detachRemovesTheAccountAndARepeatChangesNothing() {
    create();
    attach(ACCOUNT);
    var first = detach(ACCOUNT);

    assertEquals(new Accepted(true), first.reply());
    assertEquals(new Portfolio.AccountDetached(portfolioId(), ACCOUNT, NOW), first.event());
    assertEquals(Set.of(), first.stateOfType(Active.class).accounts());

    var again = detach(ACCOUNT);
    assertEquals(new Accepted(false), again.reply());
    assertTrue(again.hasNoEvents());
  }

  // ---- SetTargetAllocation ----------------------------------------------------------------

  @Test
  void aValidAllocationByAssetIsSetAndARepeatChangesNothing() {
    create();
    TargetAllocation allocation = byAsset(t("BTC", "60"), t("VTI", "30"), t("JPY", "10"));

    var result = target(allocation);

    assertEquals(new Accepted(true), result.reply());
    assertEquals(new Portfolio.TargetAllocationSet(portfolioId(), allocation, NOW), result.event());
    assertEquals(allocation, result.stateOfType(Active.class).target());

    var again = target(byAsset(t("BTC", "60"), t("VTI", "30"), t("JPY", "10")));
    assertEquals(new Accepted(false), again.reply());
    assertTrue(again.hasNoEvents());

    var sameWrittenOtherwise = target(byAsset(t("BTC", "60.00"), t("VTI", "30.0"), t("JPY", "1E+1")));
    assertEquals(new Accepted(false), sameWrittenOtherwise.reply());
    assertTrue(sameWrittenOtherwise.hasNoEvents());
  }

  @Test
  void aValidAllocationByAssetClassIsSet() {
    create();
    TargetAllocation allocation =
        new TargetAllocation(Kind.ASSET_CLASS, List.of(t("CRYPTO", "33.3"), t("ETF", "66.7")), null);

    assertEquals(new Accepted(true), target(allocation).reply());
  }

  @Test
  void aValidAllocationByGroupIsSet() {
    create();
    TargetAllocation allocation =
        new TargetAllocation(
            Kind.GROUP,
            List.of(t("growth", "70"), t("safe", "30")),
            Map.of("growth", List.of(AssetId.of("BTC"), AssetId.of("VTI")), "safe", List.of(AssetId.of("JPY"))));

    var result = target(allocation);

    assertEquals(new Accepted(true), result.reply());
    assertEquals(allocation, result.stateOfType(Active.class).target());
  }

  @Test
  void aTargetPlacedInAnAttachedAccountIsSetAndJournaledWithItsAccount() {
    create();
    attach(AccountId.of("nisa"));
    // VTI 40% held in nisa, VTI 20% and BTC 40% anywhere: one asset, two targets, told apart by the account
    TargetAllocation allocation = byAsset(new Target("VTI", new BigDecimal("40"), "nisa"), t("VTI", "20"), t("BTC", "40"));

    var result = target(allocation);

    assertEquals(new Accepted(true), result.reply());
    assertEquals(new Portfolio.TargetAllocationSet(portfolioId(), allocation, NOW), result.event());
    assertEquals("nisa", result.stateOfType(Active.class).target().targets().get(0).account());
    assertTrue(result.stateOfType(Active.class).target().placed());
  }

  @Test
  void aTargetPlacedInAnAccountThePortfolioDoesNotHaveOrTwiceInOneIsRefused() {
    create();
    attach(AccountId.of("nisa"));
    var elsewhere = target(byAsset(new Target("VTI", new BigDecimal("60"), "spec"), t("BTC", "40")));
    assertEquals(List.of("targets[0].account"), refused(elsewhere));
    assertTrue(((CommandError.Invalid) elsewhere.replyOfType(Refused.class).error()).errors().get(0).message()
        .contains("account spec is not attached"));
    assertEquals(List.of("targets[1].key"),
        refused(target(byAsset(new Target("VTI", new BigDecimal("50"), "nisa"), new Target("VTI", new BigDecimal("50"), "nisa")))));
    assertEquals(List.of("targets[0].account"), refused(target(byAsset(new Target("VTI", new BigDecimal("100"), "Not An Id")))));
  }

  @Test
  void weightsThatDoNotSumToHundredAreRefused() {
    create();
    var result = target(byAsset(t("BTC", "60"), t("VTI", "30")));

    assertEquals(List.of("targets"), refused(result));
    assertTrue(((CommandError.Invalid) result.replyOfType(Refused.class).error()).errors().get(0).message().contains("90"));
    assertNull(result.stateOfType(Active.class).target());
  }

  @Test
  void aKeyThatAppearsTwiceIsRefused() {
    create();
    assertEquals(List.of("targets[1].key"), refused(target(byAsset(t("BTC", "50"), t("BTC", "50")))));
  }

  @Test
  void aWeightOutsideZeroToHundredIsRefused() {
    create();
    assertEquals(
        List.of("targets[0].weightPercent", "targets[1].weightPercent", "targets"),
        refused(target(byAsset(t("BTC", "150"), t("VTI", "-50")))));
  }

  @Test
  void anUnknownGroupIsRefused() {
    create();
    TargetAllocation allocation =
        new TargetAllocation(Kind.GROUP, List.of(t("growth", "100")), Map.of("safe", List.of(AssetId.of("JPY"))));

    assertEquals(List.of("targets[0].key"), refused(target(allocation)));
  }

  @Test
  void anAssetInTwoGroupsIsRefused() {
    create();
    TargetAllocation allocation =
        new TargetAllocation(
            Kind.GROUP,
            List.of(t("a", "50"), t("b", "50")),
            Map.of("a", List.of(AssetId.of("BTC")), "b", List.of(AssetId.of("BTC"))));

    assertEquals(List.of("groups.b"), refused(target(allocation)));
  }

  @Test
  void anUnknownAssetClassOrBadAssetIdIsRefused() {
    create();
    assertEquals(
        List.of("targets[0].key"),
        refused(target(new TargetAllocation(Kind.ASSET_CLASS, List.of(t("MEMES", "100")), null))));
    assertEquals(List.of("targets[0].key"), refused(target(byAsset(t("not an id!", "100")))));
  }

  @Test
  void anAllocationWithoutKindTargetsOrAtAllIsRefused() {
    create();
    assertEquals(List.of("kind"), refused(target(new TargetAllocation(null, List.of(t("BTC", "100")), null))));
    assertEquals(List.of("targets"), refused(target(byAsset())));
    assertEquals(List.of("allocation"), refused(target(null)));
  }

  // ---- before Create ----------------------------------------------------------------------

  @Test
  void commandsBeforeCreateAreRefusedOnPortfolio() {
    assertEquals(List.of("not-found"), refused(attach(ACCOUNT)));
    assertEquals(List.of("not-found"), refused(detach(ACCOUNT)));
    assertEquals(List.of("not-found"), refused(target(byAsset(t("BTC", "100")))));
    assertEquals(new Portfolio.NotCreated(), portfolio.getState());
  }

  // ---- Get and recovery -------------------------------------------------------------------

  @Test
  void getRepliesWithTheState() {
    var before = portfolio.<State>runCommand(Portfolio.Get::new);
    assertEquals(new Portfolio.NotCreated(), before.reply());

    create();
    attach(ACCOUNT);
    var after = portfolio.<State>runCommand(Portfolio.Get::new);
    assertTrue(after.hasNoEvents());
    assertEquals(Set.of(ACCOUNT), ((Active) after.reply()).accounts());
  }

  @Test
  void aRestartReplaysTheEventsToTheSameState() {
    create();
    attach(ACCOUNT);
    attach(AccountId.of("acc-2"));
    detach(ACCOUNT);
    target(byAsset(t("BTC", "40"), t("VTI", "60")));
    State before = portfolio.getState();

    assertEquals(before, portfolio.restart().state());
  }
}
