package dev.ballast.persistence.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.portfolio.Portfolio;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;

/** Commands to entities spawned directly in a test kit, each waiting for its reply. */
public final class EntityCalls {
  private static final Duration REPLY = Duration.ofSeconds(20);

  private EntityCalls() {}

  public static <C, R> R ask(ActorTestKit kit, ActorRef<C> entity, Class<R> reply, Function<ActorRef<R>, C> command) {
    var probe = kit.createTestProbe(reply);
    entity.tell(command.apply(probe.getRef()));
    return probe.receiveMessage(REPLY);
  }

  public static void open(ActorTestKit kit, ActorRef<AccountLedger.Command> ledger, AccountSpec spec) {
    var reply = ask(kit, ledger, AccountLedger.OpenResult.class, r -> new AccountLedger.Open(spec, r));
    assertInstanceOf(AccountLedger.Opened.class, reply, "open: " + reply);
  }

  /** Records a batch that must be accepted; returns the new transaction ids. */
  public static List<String> record(ActorTestKit kit, ActorRef<AccountLedger.Command> ledger, Transaction... batch) {
    var reply = ask(kit, ledger, AccountLedger.BatchResult.class, r -> new AccountLedger.RecordTransactions(List.of(batch), r));
    return assertInstanceOf(AccountLedger.Recorded.class, reply, "record: " + reply).transactionIds();
  }

  public static AccountLedger.BalanceCheck report(
      ActorTestKit kit, ActorRef<AccountLedger.Command> ledger, String source, Instant asOf, Map<AssetId, BigDecimal> balances) {
    var reply = ask(kit, ledger, AccountLedger.BalanceResult.class, r -> new AccountLedger.ReportBalances(source, asOf, balances, r));
    return assertInstanceOf(AccountLedger.BalanceCheck.class, reply, "report: " + reply);
  }

  public static AccountLedger.OpenAccount state(ActorTestKit kit, ActorRef<AccountLedger.Command> ledger) {
    var state = ask(kit, ledger, AccountLedger.State.class, AccountLedger.Get::new);
    return assertInstanceOf(AccountLedger.OpenAccount.class, state);
  }

  /** Sends a portfolio command that must change something. */
  public static void change(ActorTestKit kit, ActorRef<Portfolio.Command> portfolio, Function<ActorRef<Portfolio.Result>, Portfolio.Command> command) {
    assertEquals(new Portfolio.Accepted(true), ask(kit, portfolio, Portfolio.Result.class, command));
  }
}
