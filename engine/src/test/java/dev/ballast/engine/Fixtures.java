package dev.ballast.engine;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.account.ReadJournalAccountHistory;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AccountKind;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Small factories for test data, shared by every module through the engine test-jar. Time stands
 * still at {@link #NOW}; transactions made here are stamped a day before it unless told otherwise.
 */
public final class Fixtures {
  /**
   * How long a test's probes wait for a reply: far above any healthy reply, so that a loaded
   * machine (a CI runner, or many builds at once) slows a test down instead of failing it.
   */
  public static final String TESTKIT_TIMEOUTS = "pekko.actor.testkit.typed.single-expect-default = 30s\n"
      + "pekko.actor.testkit.typed.default-timeout = 30s\n";

  /** The event-sourced behavior test kit's configuration, with {@link #TESTKIT_TIMEOUTS}. */
  public static com.typesafe.config.Config testKitConfig() {
    return com.typesafe.config.ConfigFactory.parseString(TESTKIT_TIMEOUTS)
        .withFallback(org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.config());
  }

  private Fixtures() {}

  /** The instant the fixed clock shows. */
  public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  /** The source every fixture transaction names. */
  public static final String SOURCE = "test";
  /** The assets {@link #ledgerSettings} knows besides fiat currencies. */
  public static final Set<AssetId> KNOWN_ASSETS =
      Set.of(AssetId.of("BTC"), AssetId.of("ETH"), AssetId.of("USDT"), AssetId.of("7203.T"), AssetId.of("VTI"));

  // ---- assets and ids ---------------------------------------------------------------------

  public static AssetId btc() {
    return AssetId.of("BTC");
  }

  public static AssetId eth() {
    return AssetId.of("ETH");
  }

  public static AssetId usdt() {
    return AssetId.of("USDT");
  }

  public static AssetId jpy() {
    return AssetId.of("JPY");
  }

  public static AssetId usd() {
    return AssetId.of("USD");
  }

  public static AccountId accountId() {
    return AccountId.of("acc-1");
  }

  public static PortfolioId portfolioId() {
    return PortfolioId.of("pf-1");
  }

  /** A JPY exchange account that does not allow short positions. */
  public static AccountSpec spec() {
    return new AccountSpec("Main exchange", AccountKind.EXCHANGE, "binance", jpy(), TaxWrapper.GENERAL, false);
  }

  /** Like {@link #spec()} but in JPY with short positions allowed (a margin account). */
  public static AccountSpec marginSpec() {
    return new AccountSpec("Margin", AccountKind.EXCHANGE, "binance", jpy(), TaxWrapper.GENERAL, true);
  }

  // ---- time -------------------------------------------------------------------------------

  public static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** {@link #NOW} moved by a number of days (negative: the past). */
  public static Instant at(int dayOffset) {
    return NOW.plus(Duration.ofDays(dayOffset));
  }

  // ---- settings ---------------------------------------------------------------------------

  /** The read-side slices of test entities: the default of {@code ballast.read-side.slices}. */
  public static final Slices SLICES = new Slices(4);

  public static Predicate<AssetId> knownAsset() {
    return KNOWN_ASSETS::contains;
  }

  /** Ledger settings: BTC, ETH, USDT, 7203.T and VTI known; 10 minutes of clock skew; snapshot every 100. */
  public static AccountLedger.Settings ledgerSettings(Clock clock) {
    return new AccountLedger.Settings(clock, knownAsset(), Duration.ofMinutes(10), 100, SLICES, ReadJournalAccountHistory::forJournalOf);
  }

  public static AccountLedger.Settings ledgerSettings() {
    return ledgerSettings(clock());
  }

  // ---- transactions -----------------------------------------------------------------------

  /** A BUY of {@code quantity} {@code asset} at {@code price} {@code currency} per unit, a day before NOW. */
  public static Transaction buy(String externalId, String quantity, String asset, String price, String currency) {
    return trade(TransactionType.BUY, at(-1), externalId, quantity, asset, price, currency).build();
  }

  public static Transaction buy(Instant at, String externalId, String quantity, String asset, String price, String currency) {
    return trade(TransactionType.BUY, at, externalId, quantity, asset, price, currency).build();
  }

  public static Transaction sell(String externalId, String quantity, String asset, String price, String currency) {
    return trade(TransactionType.SELL, at(-1), externalId, quantity, asset, price, currency).build();
  }

  public static Transaction sell(Instant at, String externalId, String quantity, String asset, String price, String currency) {
    return trade(TransactionType.SELL, at, externalId, quantity, asset, price, currency).build();
  }

  /** A trade builder, for the extra fields (fee, fxRate, tax) one test needs. */
  public static Transaction.Builder trade(
      TransactionType side, Instant at, String externalId, String quantity, String asset, String price, String currency) {
    return Transaction.builder(side).at(at).asset(asset).quantity(quantity).price(price, currency).ref(SOURCE, externalId);
  }

  /** A DEPOSIT without a price (cash, or coins of unknown cost), a day before NOW. */
  public static Transaction deposit(String externalId, String quantity, String asset) {
    return deposit(at(-1), externalId, quantity, asset);
  }

  public static Transaction deposit(Instant at, String externalId, String quantity, String asset) {
    return Transaction.builder(TransactionType.DEPOSIT).at(at).asset(asset).quantity(quantity).ref(SOURCE, externalId).build();
  }

  public static Transaction withdrawal(String externalId, String quantity, String asset) {
    return withdrawal(at(-1), externalId, quantity, asset);
  }

  public static Transaction withdrawal(Instant at, String externalId, String quantity, String asset) {
    return Transaction.builder(TransactionType.WITHDRAWAL).at(at).asset(asset).quantity(quantity).ref(SOURCE, externalId).build();
  }

  /** A SPLIT of {@code asset}: {@code ratio} new units per old unit. */
  public static Transaction split(Instant at, String externalId, String asset, String ratio) {
    return Transaction.builder(TransactionType.SPLIT).at(at).asset(asset).splitRatio(ratio).ref(SOURCE, externalId).build();
  }

  /** A DIVIDEND of a gross cash amount on {@code asset}. */
  public static Transaction dividend(Instant at, String externalId, String asset, String amount, String currency) {
    return Transaction.builder(TransactionType.DIVIDEND).at(at).asset(asset).amount(amount, currency).ref(SOURCE, externalId).build();
  }
}
