package dev.ballast.engine.account;

import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.spec;
import static dev.ballast.engine.Fixtures.withdrawal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger.Command;
import dev.ballast.engine.account.AccountLedger.Event;
import dev.ballast.engine.account.AccountLedger.OpenAccount;
import dev.ballast.engine.account.AccountLedger.State;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A recorded deposit or withdrawal relabelled as a transfer leg when the other leg is found later. */
class TransferLinkTest {
  private static final AtomicInteger ACCOUNTS = new AtomicInteger();
  private static final String TRANSFER = "transfer:cold/cold/1";
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(Fixtures.testKitConfig());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private record Ledger(AccountId id, EventSourcedBehaviorTestKit<Command, Event, State> kit) {}

  private static Ledger newLedger(Transaction... rows) {
    AccountId id = AccountId.of("linked-" + ACCOUNTS.incrementAndGet());
    EventSourcedBehaviorTestKit<Command, Event, State> kit = EventSourcedBehaviorTestKit.create(
        testKit.system(), AccountLedger.create(id, Fixtures.ledgerSettings()),
        EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
    kit.<AccountLedger.OpenResult>runCommand(r -> new AccountLedger.Open(spec(), r));
    kit.<AccountLedger.BatchResult>runCommand(r -> new AccountLedger.RecordTransactions(List.of(rows), r));
    return new Ledger(id, kit);
  }

  private static CommandResultWithReply<Command, Event, State, AccountLedger.LinkResult> link(Ledger ledger, long sequence, String transferId) {
    return ledger.kit().runCommand(r -> new AccountLedger.LinkTransfer(ledger.id().value() + "/" + sequence, transferId, "transfer to cold", r));
  }

  private static List<AccountHistory.RecordedRow> history(Ledger ledger) throws Exception {
    return new ReadJournalAccountHistory(testKit.system(), "pekko.persistence.testkit.query").recorded(ledger.id())
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void aWithdrawalBecomesATransferOutWithItsIdAndTheBookStaysAsItWas() throws Exception {
    Ledger ledger = newLedger(
        deposit(at(-30), "d1", "10000000", "JPY"),
        buy(at(-20), "b1", "1", "BTC", "5000000", "JPY"),
        withdrawal(at(-10), "w1", "0.4", "BTC"));
    OpenAccount before = (OpenAccount) ledger.kit().getState();

    var linked = link(ledger, 3, TRANSFER);

    AccountLedger.Linked reply = linked.replyOfType(AccountLedger.Linked.class);
    assertFalse(reply.already());
    assertEquals(TransactionType.TRANSFER_OUT, reply.transaction().type());
    assertEquals(TRANSFER, reply.transaction().transferId());
    assertEquals("transfer to cold", reply.transaction().note());
    AccountLedger.TransferLinked event = (AccountLedger.TransferLinked) linked.event();
    assertEquals(ledger.id().value() + "/3", event.transactionId());
    assertEquals(reply.transaction(), event.transaction());
    // everything but the type, the transfer id and the note is the row as recorded
    Transaction recorded = withdrawal(at(-10), "w1", "0.4", "BTC");
    assertEquals(new Transaction(TransactionType.TRANSFER_OUT, recorded.timestamp(), recorded.asset(), recorded.quantity(), recorded.price(),
        recorded.amount(), recorded.fee(), recorded.tax(), recorded.fxRate(), TRANSFER, recorded.splitRatio(), recorded.source(),
        recorded.externalId(), "transfer to cold"), event.transaction());
    assertEquals(before, linked.stateOfType(OpenAccount.class), "the book, the count and the references are untouched");
    // the history the ledger re-lots from, and the audit reads, has the row as relabelled
    assertEquals(event.transaction(), history(ledger).get(2).transaction());
  }

  @Test
  void linkingAgainWithTheSameIdChangesNothingAndAnotherIdIsAConflict() {
    Ledger ledger = newLedger(deposit(at(-3), "d1", "0.5", "BTC"));
    link(ledger, 1, TRANSFER);

    var again = link(ledger, 1, TRANSFER);
    assertTrue(again.hasNoEvents());
    AccountLedger.Linked reply = again.replyOfType(AccountLedger.Linked.class);
    assertTrue(reply.already());
    assertEquals(TransactionType.TRANSFER_IN, reply.transaction().type());

    var other = link(ledger, 1, "transfer:hot/hot/9");
    assertTrue(other.hasNoEvents());
    CommandError error = ((AccountLedger.Refused) other.reply()).error();
    assertInstanceOf(CommandError.Conflict.class, error);
    assertTrue(error.message().contains(TRANSFER), error.message());
  }

  @Test
  void onlyADepositOrAWithdrawalOfThisAccountIsRelabelled() {
    Ledger ledger = newLedger(deposit(at(-30), "d1", "10000000", "JPY"), buy(at(-20), "b1", "1", "BTC", "5000000", "JPY"));

    var trade = link(ledger, 2, TRANSFER);
    assertTrue(trade.hasNoEvents());
    assertTrue(((AccountLedger.Refused) trade.reply()).error().message().contains("is a BUY"), trade.reply().toString());

    var missing = link(ledger, 3, TRANSFER);
    assertInstanceOf(CommandError.NotFound.class, ((AccountLedger.Refused) missing.reply()).error());
    var otherAccount = ledger.kit().<AccountLedger.LinkResult>runCommand(r -> new AccountLedger.LinkTransfer("someone-else/1", TRANSFER, null, r));
    assertInstanceOf(CommandError.NotFound.class, ((AccountLedger.Refused) otherAccount.reply()).error());
    var noId = link(ledger, 1, " ");
    assertInstanceOf(CommandError.Invalid.class, ((AccountLedger.Refused) noId.reply()).error());
    assertTrue(missing.hasNoEvents() && otherAccount.hasNoEvents() && noId.hasNoEvents());
  }

  @Test
  void aRestartReplaysTheLinkAndTheRowStaysLinked() {
    Ledger ledger = newLedger(deposit(at(-3), "d1", "0.5", "BTC"));
    link(ledger, 1, TRANSFER);
    OpenAccount linked = (OpenAccount) ledger.kit().getState();

    ledger.kit().restart();

    assertEquals(linked, ledger.kit().getState());
    assertTrue(link(ledger, 1, TRANSFER).replyOfType(AccountLedger.Linked.class).already());
  }
}
