package dev.ballast.engine.serialization;

import static dev.ballast.engine.Fixtures.NOW;
import static dev.ballast.engine.Fixtures.accountId;
import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.btc;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.portfolioId;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.engine.Fixtures.spec;
import static dev.ballast.engine.Fixtures.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.account.AccountHistory;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.account.TradeTimeReplay;
import dev.ballast.engine.account.RecordedRefs;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.Position;
import dev.ballast.engine.ledger.Lot;
import dev.ballast.engine.ledger.RealizedLot;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.engine.portfolio.TargetAllocation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event, state, reply and command of the entities goes through Pekko's serialization (the
 * Jackson JSON serializer bound in reference.conf) and comes back equal.
 */
class JsonRoundTripTest {

  private static ActorTestKit testKit;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create();
    serialization = SerializationExtension.get(testKit.system().classicSystem());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** Serializes as the journal would (serializer id + manifest + bytes) and reads it back. */
  static Object roundTrip(Object value) {
    Serializer serializer = serialization.findSerializerFor(value);
    assertEquals("jackson-json", serializerName(serializer), "bound serializer of " + value.getClass());
    // Serialization.serialize sets the transport information an ActorRef needs
    byte[] bytes = serialization.serialize(value).get();
    String json = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(json.startsWith("{"), "readable JSON in the journal: " + json);
    String manifest = Serializers.manifestFor(serializer, value);
    return serialization.deserialize(bytes, serializer.identifier(), manifest).get();
  }

  private static String serializerName(Serializer serializer) {
    return serializer.getClass().getSimpleName().equals("JacksonJsonSerializer") ? "jackson-json" : serializer.getClass().getName();
  }

  // ---- the values -------------------------------------------------------------------------

  /** A book with cash, several assets, closed and open lots, fees, taxes, income and a cost in USDT. */
  static LedgerBook.Applied richBook() {
    List<Transaction> txs =
        List.of(
            Transaction.builder(TransactionType.DEPOSIT).at(at(-20)).asset("JPY").quantity("20000000").ref("test", "d1").build(),
            buy(at(-10), "b1", "1", "BTC", "4000000", "JPY"),
            trade(TransactionType.BUY, at(-9), "b2", "1", "BTC", "6000000", "JPY").fee("1200", "JPY").build(),
            buy(at(-8), "u1", "1000", "USDT", "150", "JPY"),
            trade(TransactionType.BUY, at(-7), "e1", "0.3", "ETH", "3000", "USDT").fxRate("151.5").fee("0.1", "USDT").build(),
            // 1.5 of 1 + 1 BTC: FIFO closes a whole lot and a third of the next
            sell(at(-6), "s1", "1.5", "BTC", "8000000", "JPY"),
            Transaction.builder(TransactionType.DIVIDEND).at(at(-5)).asset("VTI").amount("12.5", "USD").tax("1.25", "USD").fxRate("150").ref("test", "v1").build(),
            Transaction.builder(TransactionType.TRANSFER_OUT).at(at(-4)).asset("BTC").quantity("0.1").transferId("x-1").fee("0.0005", "BTC").note("to cold wallet").ref("test", "o1").build());
    LedgerBook book = LedgerBook.empty(jpy(), false);
    LedgerBook.Applied applied = null;
    for (int i = 0; i < txs.size(); i++) {
      applied = book.apply("acc-1/" + (i + 1), txs.get(i));
      book = applied.book();
    }
    return applied;
  }

  static AccountLedger.TransactionRecorded recordedWithRealizedLots() {
    LedgerBook book = LedgerBook.empty(jpy(), false);
    book = book.apply("acc-1/1", buy(at(-3), "b1", "1", "BTC", "4000000", "JPY")).book();
    book = book.apply("acc-1/2", buy(at(-2), "b2", "1", "BTC", "6000000", "JPY")).book();
    Transaction sale = trade(TransactionType.SELL, at(-1), "s1", "1.5", "BTC", "8000000", "JPY").fee("100", "JPY").note("partial").build();
    LedgerBook.Applied applied = book.apply("acc-1/3", sale);
    return AccountLedger.TransactionRecorded.of(accountId(), "acc-1/3", NOW, sale, applied);
  }

  /** Round prices whose FIFO shares come out of BigDecimal division with a negative scale (8E+6). */
  static AccountLedger.TransactionRecorded recordedWithRoundNumbers() {
    LedgerBook book = LedgerBook.empty(jpy(), false);
    book = book.apply("acc-1/1", buy(at(-3), "b1", "1", "BTC", "4000000", "JPY")).book();
    book = book.apply("acc-1/2", buy(at(-2), "b2", "1", "BTC", "6000000", "JPY")).book();
    Transaction sale = sell(at(-1), "s1", "1.5", "BTC", "8000000", "JPY");
    LedgerBook.Applied applied = book.apply("acc-1/3", sale);
    return AccountLedger.TransactionRecorded.of(accountId(), "acc-1/3", NOW, sale, applied);
  }

  /**
   * After a 1-for-10 reverse split the lot holds 10.0 shares for 20000; selling 5 takes a cost
   * share of 20000 * 5 / 10.0, which BigDecimal division gives as 1.0000E+4 (scale -1).
   */
  static AccountLedger.TransactionRecorded recordedAfterReverseSplit() {
    LedgerBook book = LedgerBook.empty(jpy(), false);
    book = book.apply("acc-1/1", buy(at(-3), "b1", "100", "7203.T", "200", "JPY")).book();
    book = book.apply("acc-1/2", dev.ballast.engine.Fixtures.split(at(-2), "sp1", "7203.T", "0.1")).book();
    Transaction sale = sell(at(-1), "s1", "5", "7203.T", "3000", "JPY");
    LedgerBook.Applied applied = book.apply("acc-1/3", sale);
    return AccountLedger.TransactionRecorded.of(accountId(), "acc-1/3", NOW, sale, applied);
  }

  /** Coins bought with a stablecoin: the stablecoin lot's cost is in yen, its proceeds in USDT. */
  static AccountLedger.TransactionRecorded recordedWithProceedsInAnotherCurrency() {
    LedgerBook book = LedgerBook.empty(jpy(), false);
    book = book.apply("acc-1/1", buy(at(-2), "u1", "1000", "USDT", "150", "JPY")).book();
    Transaction purchase = trade(TransactionType.BUY, at(-1), "b1", "0.01", "BTC", "60000", "USDT").fxRate("155").build();
    return AccountLedger.TransactionRecorded.of(accountId(), "acc-1/2", NOW, purchase, book.apply("acc-1/2", purchase));
  }

  static AccountLedger.TransactionRecorded recordedWithRemovedLots() {
    LedgerBook.Applied applied = richBook();
    return AccountLedger.TransactionRecorded.of(
        accountId(), "acc-1/8", NOW, Transaction.builder(TransactionType.TRANSFER_OUT).at(at(-4)).asset("BTC").quantity("0.1")
            .transferId("x-1").fee("0.0005", "BTC").note("to cold wallet").ref("test", "o1").build(),
        applied);
  }

  /** A sale recorded before a later buy: the account re-lotted from the sale's time on. */
  /** A stablecoin spent on coins before a later purchase: the re-lotted closings' proceeds are in USDT. */
  static AccountLedger.LedgerRestated restatedWithProceedsInAnotherCurrency() {
    var rows = List.of(
        new AccountHistory.RecordedRow(1, "acc-1/1", buy(at(-3), "u1", "1000", "USDT", "150", "JPY")),
        new AccountHistory.RecordedRow(2, "acc-1/2", trade(TransactionType.BUY, at(-1), "b1", "0.01", "BTC", "60000", "USDT").fxRate("155").build()),
        new AccountHistory.RecordedRow(3, "acc-1/3", trade(TransactionType.BUY, at(-2), "b0", "0.001", "BTC", "59000", "USDT").fxRate("154").build()));
    var result = TradeTimeReplay.replay(rows, jpy(), false, at(-2));
    return new AccountLedger.LedgerRestated(accountId(), NOW, at(-2),
        List.of(new AccountLedger.LedgerRestated.Row("acc-1/3", rows.get(2).transaction())),
        result.book(), result.book().summaries(),
        result.realizedFrom().stream().map(RealizedLot::journaled).toList(), at(-1));
  }

  static AccountLedger.LedgerRestated restated() {
    var rows = List.of(
        new AccountHistory.RecordedRow(1, "acc-1/1", buy(at(-3), "b1", "1", "BTC", "4000000", "JPY")),
        new AccountHistory.RecordedRow(2, "acc-1/2", buy(at(-1), "b2", "1", "BTC", "6000000", "JPY")),
        new AccountHistory.RecordedRow(3, "acc-1/3", sell(at(-2), "s1", "0.5", "BTC", "8000000", "JPY")));
    var result = TradeTimeReplay.replay(rows, jpy(), false, at(-2));
    return new AccountLedger.LedgerRestated(accountId(), NOW, at(-2),
        List.of(new AccountLedger.LedgerRestated.Row("acc-1/3", rows.get(2).transaction())),
        result.book(), result.book().summaries(),
        result.realizedFrom().stream().map(dev.ballast.engine.ledger.RealizedLot::journaled).toList(), at(-1));
  }

  static AccountLedger.OpenAccount openAccount() {
    LedgerBook book = richBook().book();
    RecordedRefs refs = RecordedRefs.empty();
    for (int i = 1; i <= 8; i++) {
      refs = refs.with(new dev.ballast.engine.model.ExternalRef("test", "ref-" + i), i);
    }
    return new AccountLedger.OpenAccount(
        accountId(), spec(), NOW, 8, at(-1), book, refs, Map.of(btc(), new BigDecimal("0.4"), jpy(), new BigDecimal("12.50")),
        Map.of("bitflyer-api", NOW));
  }

  static TargetAllocation groups() {
    return new TargetAllocation(
        TargetAllocation.Kind.GROUP,
        List.of(new TargetAllocation.Target("growth", new BigDecimal("72.5")), new TargetAllocation.Target("safe", new BigDecimal("27.5"))),
        Map.of("growth", List.of(btc(), AssetId.of("VTI")), "safe", List.of(jpy())));
  }

  static AccountLedger.BalanceDiscrepancyFound discrepancy() {
    return new AccountLedger.BalanceDiscrepancyFound(accountId(), "binance-api", NOW, btc(), new BigDecimal("0.4"), new BigDecimal("0.39"));
  }

  static Stream<Object> events() {
    return Stream.of(
        new AccountLedger.AccountOpened(accountId(), spec(), NOW),
        new AccountLedger.AccountOpened(accountId(), dev.ballast.engine.Fixtures.marginSpec(), NOW),
        recordedWithRealizedLots(),
        recordedWithRemovedLots(),
        recordedWithProceedsInAnotherCurrency(),
        recordedWithRoundNumbers(),
        recordedAfterReverseSplit(),
        new AccountLedger.BalancesReported(accountId(), "binance-api", NOW, Map.of(btc(), new BigDecimal("0.39"), jpy(), new BigDecimal("100"))),
        discrepancy(),
        new AccountLedger.TransferLinked(accountId(), "acc-1/4", NOW,
            dev.ballast.engine.model.Transaction.builder(dev.ballast.engine.model.TransactionType.TRANSFER_OUT).at(at(-1)).asset("BTC")
                .quantity("0.25").fee("0.0005", "BTC").transferId("transfer:cold-wallet/cold-wallet/1").ref("binance", "w-77")
                .note("withdrawal to a ledger wallet; transfer to cold-wallet").build()),
        restated(),
        restatedWithProceedsInAnotherCurrency(),
        new Portfolio.PortfolioCreated(portfolioId(), "Family", jpy(), NOW),
        new Portfolio.AccountAttached(portfolioId(), accountId(), NOW),
        new Portfolio.AccountDetached(portfolioId(), accountId(), NOW),
        new Portfolio.TargetAllocationSet(portfolioId(), groups(), NOW),
        new Portfolio.TargetAllocationSet(
            portfolioId(),
            new TargetAllocation(TargetAllocation.Kind.ASSET, List.of(new TargetAllocation.Target("BTC", new BigDecimal("100"))), null),
            NOW));
  }

  static Stream<Object> states() {
    return Stream.of(
        new AccountLedger.NotOpened(),
        new AccountLedger.OpenAccount(
            accountId(), spec(), NOW, 0, null, LedgerBook.empty(jpy(), false), RecordedRefs.empty(), Map.of(), Map.of()),
        openAccount(),
        new Portfolio.NotCreated(),
        new Portfolio.Active(portfolioId(), "Family", jpy(), NOW, Set.of(), null),
        new Portfolio.Active(portfolioId(), "Family", jpy(), NOW, Set.of(AccountId.of("b"), AccountId.of("a")), groups()));
  }

  static Stream<Object> replies() {
    return Stream.of(
        new AccountLedger.Opened(accountId(), spec(), true),
        new AccountLedger.Refused(new dev.ballast.engine.model.CommandError.Conflict("account acc-1 is already open with another definition")),
        new AccountLedger.Refused(dev.ballast.engine.model.CommandError.NotFound.of("account", "acc-1")),
        new AccountLedger.Refused(new dev.ballast.engine.model.CommandError.Unavailable("try again")),
        new AccountLedger.Recorded(List.of("acc-1/3"), List.of(), true),
        new AccountLedger.AccountSummary(accountId(), spec(), 3),
        new AccountLedger.Recorded(List.of("acc-1/2"), List.of(new AccountLedger.Duplicate(1, "test", "d1", "acc-1/1"))),
        new AccountLedger.Recorded(List.of(), List.of()),
        new AccountLedger.Refused(dev.ballast.engine.model.CommandError.Invalid.of(
            List.of(new FieldError(3, "quantity", "not enough BTC"), new FieldError(0, "transactions", "the batch is empty")))),
        new AccountLedger.BalanceCheck(List.of(new AccountLedger.Discrepancy(btc(), new BigDecimal("0.4"), new BigDecimal("0.39"))), false),
        new AccountLedger.BalanceCheck(List.of(), true),
        new Portfolio.Accepted(true),
        new Portfolio.Refused(dev.ballast.engine.model.CommandError.Invalid.of(0, "targets[1].key", "appears twice: BTC")));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("events")
  void everyEventReadsBackEqual(Object event) {
    assertEquals(event, roundTrip(event));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("states")
  void everyStateReadsBackEqual(Object state) {
    assertEquals(state, roundTrip(state));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("replies")
  void everyReplyReadsBackEqual(Object reply) {
    assertEquals(reply, roundTrip(reply));
  }

  @Test
  void commandsWithTheirReplyRefReadBackEqual() {
    ActorRef<Object> probe = testKit.createTestProbe().ref();
    List<Object> commands =
        List.of(
            new AccountLedger.Open(spec(), probe.narrow()),
            new AccountLedger.RecordTransactions(List.of(recordedWithRealizedLots().transaction(), buy("b9", "1", "BTC", "1", "JPY")), probe.narrow()),
            new AccountLedger.ReportBalances("binance-api", NOW, Map.of(btc(), BigDecimal.ONE), probe.narrow()),
            new AccountLedger.Get(probe.narrow()),
            new Portfolio.Create("Family", jpy(), probe.narrow()),
            new Portfolio.AttachAccount(accountId(), probe.narrow()),
            new Portfolio.DetachAccount(accountId(), probe.narrow()),
            new Portfolio.SetTargetAllocation(groups(), probe.narrow()),
            new Portfolio.Get(probe.narrow()));
    for (Object command : commands) {
      assertEquals(command, roundTrip(command));
    }
  }

  @Test
  void theRichStateReallyHasLotsRefsAndTotals() {
    // guards the round trips above against testing an empty book
    AccountLedger.OpenAccount state = openAccount();
    assertEquals(1, state.book().positions().get(btc()).lots().size());
    assertEquals(1, state.book().positions().get(AssetId.of("ETH")).lots().size());
    assertFalse(state.book().fees().isEmpty());
    assertFalse(state.book().taxes().isEmpty());
    assertFalse(state.book().income().isEmpty());
    assertEquals(8, state.refs().size());
    assertEquals(2, recordedWithRealizedLots().realized().size());
    assertEquals(1, recordedWithRemovedLots().removed().size());
    RealizedLot.Journaled usdt = recordedWithProceedsInAnotherCurrency().realized().get(0);
    assertEquals(jpy(), usdt.currency());
    assertEquals(AssetId.of("USDT"), usdt.proceedsCurrency());
  }

  @Test
  void journaledLotsBindBackToTheirMoney() {
    LedgerBook.Applied rich = richBook();
    for (Position p : rich.book().positions().values()) {
      for (Lot lot : p.lots().asList()) {
        assertEquals(lot, lot.journaled().bind(jpy()));
      }
    }
    LedgerBook book = LedgerBook.empty(jpy(), false).apply("acc-1/1", buy(at(-2), "u1", "1000", "USDT", "150", "JPY")).book();
    LedgerBook.Applied purchase =
        book.apply("acc-1/2", trade(TransactionType.BUY, at(-1), "b1", "0.01", "BTC", "60000", "USDT").fxRate("155").build());
    RealizedLot closed = purchase.realized().get(0);
    assertEquals(AssetId.of("USDT"), closed.proceeds().currency());
    assertEquals(jpy(), closed.cost().currency());
    assertEquals(closed, closed.journaled().bind(jpy()));
  }

  @Test
  void ledgerBookAndRecordedRefsReadBackEqualThroughTheConfiguredMapper() throws Exception {
    ObjectMapper mapper =
        JacksonObjectMapperProvider.get(testKit.system().classicSystem()).getOrCreate("jackson-json", Optional.empty());
    LedgerBook book = richBook().book();
    RecordedRefs refs = openAccount().refs();

    assertEquals(book, mapper.readValue(mapper.writeValueAsBytes(book), LedgerBook.class));
    assertEquals(refs, mapper.readValue(mapper.writeValueAsBytes(refs), RecordedRefs.class));
  }

  @Test
  void moneyIsWrittenAsPlainNumbersAndTimeAsIsoText() {
    Serializer serializer = serialization.findSerializerFor(recordedWithRealizedLots());
    String json = new String(serializer.toBinary(recordedWithRealizedLots()), StandardCharsets.UTF_8);

    assertTrue(json.contains("\"type\":\"TransactionRecorded\""), json);
    assertTrue(json.contains("\"price\":{\"value\":8000000,\"currency\":\"JPY\"}"), json);
    assertTrue(json.contains("\"timestamp\":\"2025-12-31T00:00:00Z\""), json);
    assertFalse(json.contains("E+"), json);
    String split = new String(serialization.serialize(recordedAfterReverseSplit()).get(), StandardCharsets.UTF_8);
    assertFalse(split.contains("E+"), split);
  }
}
