package dev.ballast.engine.account.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sync actor against a real ledger entity (in-memory journal), an in-memory venue and store. */
class AccountSyncTest {
  private static final Duration INTERVAL = Duration.ofHours(1);
  private static ActorTestKit kit;
  private static final AtomicInteger ACCOUNTS = new AtomicInteger();

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create(Fixtures.testKitConfig());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  /** One account: its ledger, store, venue and the sync actor's dependencies. */
  private static final class Rig {
    final AccountId account = AccountId.of("sync-" + ACCOUNTS.incrementAndGet());
    final ActorRef<AccountLedger.Command> ledger;
    final InMemorySyncStore store = new InMemorySyncStore();
    final InMemoryAccountAdapter venue = new InMemoryAccountAdapter("testvenue", 10);
    final AtomicInteger opened = new AtomicInteger();
    final AccountSync.Dependencies deps;

    Rig(Duration minBackoff) {
      ledger = kit.spawn(AccountLedger.create(account, Fixtures.ledgerSettings()));
      TestProbe<AccountLedger.OpenResult> open = kit.createTestProbe();
      ledger.tell(new AccountLedger.Open(Fixtures.spec(), open.ref()));
      open.expectMessageClass(AccountLedger.Opened.class);
      store.connect(account, "testvenue", Fixtures.NOW);
      SyncLedger direct = new SyncLedger() {
        @Override
        public CompletionStage<AccountLedger.BatchResult> record(AccountId a, List<Transaction> txs) {
          return AskPattern.ask(ledger, r -> new AccountLedger.RecordTransactions(txs, r), Duration.ofSeconds(30), kit.scheduler());
        }

        @Override
        public CompletionStage<AccountLedger.BalanceResult> report(AccountId a, String source, Instant asOf, Map<AssetId, BigDecimal> b,
            boolean complete, java.util.Set<AssetId> notCompared) {
          return AskPattern.ask(ledger, r -> new AccountLedger.ReportBalances(source, asOf, b, complete, notCompared, r), Duration.ofSeconds(30),
              kit.scheduler());
        }
      };
      deps = new AccountSync.Dependencies(
          new SyncSettings(Fixtures.clock(), Map.of("testvenue", INTERVAL), Duration.ofDays(1), minBackoff, minBackoff.multipliedBy(4),
              Executors.newFixedThreadPool(2)),
          store, connection -> {
            opened.incrementAndGet();
            return venue;
          }, direct);
    }

    ActorRef<AccountSync.Command> spawn() {
      return kit.spawn(AccountSync.create(account, deps));
    }

    AccountLedger.OpenAccount ledgerState() {
      TestProbe<AccountLedger.State> probe = kit.createTestProbe();
      ledger.tell(new AccountLedger.Get(probe.ref()));
      return (AccountLedger.OpenAccount) probe.receiveMessage();
    }

    /** Waits until the actor reports this condition, and returns that status. */
    SyncStatus awaitStatus(ActorRef<AccountSync.Command> sync, java.util.function.Predicate<SyncStatus> condition) {
      TestProbe<SyncStatus> probe = kit.createTestProbe();
      SyncStatus[] last = new SyncStatus[1];
      probe.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(50), () -> {
        sync.tell(new AccountSync.GetStatus(probe.ref()));
        last[0] = probe.receiveMessage();
        assertTrue(condition.test(last[0]), String.valueOf(last[0]));
        return null;
      });
      return last[0];
    }
  }

  private static List<Transaction> history(int rows) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 1; i <= rows; i++) {
      txs.add(Transaction.builder(dev.ballast.engine.model.TransactionType.DEPOSIT).at(Fixtures.at(-100 + i)).asset("BTC")
          .quantity("0.001").ref("testvenue", "dep-" + i).build());
    }
    return txs;
  }

  @Test
  void aNewConnectionSyncsItsWholeHistoryAndChecksTheBalances() {
    Rig rig = new Rig(Duration.ofMillis(100));
    rig.venue.withHistory(history(25)).withBalances(List.of(Balance.of(AssetId.of("BTC"), Quantity.of("0.030"))));
    ActorRef<AccountSync.Command> sync = rig.spawn();
    SyncStatus done = rig.awaitStatus(sync, s -> s.lastSyncAt() != null);
    assertEquals(SyncStatus.IDLE, done.phase());
    assertEquals(25, done.recorded());
    assertNull(done.lastError());
    assertEquals(Fixtures.NOW.plus(INTERVAL), done.nextSyncAt(), "the next sync after the kind's interval");
    assertEquals(List.of("10", "20", "25"), rig.store.savedCursors, "the cursor saved after each recorded page");
    AccountLedger.OpenAccount state = rig.ledgerState();
    assertEquals(25, state.transactions());
    // 25 x 0.001 = 0.025 held, the venue says 0.030: the ledger's discrepancy
    assertEquals(new BigDecimal("0.030"), state.lastReported().get(AssetId.of("BTC")));
  }

  @Test
  void anAssetTheVenuesBalanceListOmitsIsComparedAsZeroAgainstWhatTheLedgerHolds() {
    Rig rig = new Rig(Duration.ofMillis(100));
    // the venue lists only what it holds: the BTC the ledger has from the history is gone from its list
    rig.venue.withHistory(history(5)).withBalances(List.of(Balance.of(AssetId.of("ETH"), Quantity.of("1"))));
    ActorRef<AccountSync.Command> sync = rig.spawn();
    rig.awaitStatus(sync, s -> s.lastSyncAt() != null);
    AccountLedger.OpenAccount state = rig.ledgerState();
    assertEquals(0, new BigDecimal("0.005").compareTo(state.book().quantity(AssetId.of("BTC"))));
    assertEquals(0, BigDecimal.ZERO.compareTo(state.lastReported().get(AssetId.of("BTC"))), "reported as zero: " + state.lastReported());
    assertEquals(0, BigDecimal.ONE.compareTo(state.lastReported().get(AssetId.of("ETH"))));
  }

  @Test
  void aTransientFailureBacksOffAndTheSyncRecoversWithoutRecordingTwice() {
    Rig rig = new Rig(Duration.ofMillis(200));
    rig.venue.withHistory(history(25));
    rig.venue.failNext(new AccountAdapterError.Unavailable("503"));
    ActorRef<AccountSync.Command> sync = rig.spawn();
    SyncStatus failed = rig.awaitStatus(sync, s -> s.lastError() != null);
    assertEquals(SyncStatus.BACKING_OFF, failed.phase());
    assertTrue(failed.lastError().contains("unavailable: 503"), failed.lastError());
    assertEquals(Fixtures.NOW.plus(Duration.ofMillis(200)), failed.nextSyncAt());
    SyncStatus recovered = rig.awaitStatus(sync, s -> s.lastSyncAt() != null);
    assertNull(recovered.lastError());
    assertEquals(25, recovered.recorded());
    assertEquals(25, rig.ledgerState().transactions());
  }

  @Test
  void settingsTheAdapterCannotUseAreAFailureWithALastErrorNotACrash() {
    Rig rig = new Rig(Duration.ofMillis(100));
    AccountSync.Dependencies bad = new AccountSync.Dependencies(rig.deps.settings(), rig.store, connection -> {
      throw new IllegalArgumentException("Illegal character in authority at index 7: http://bad url");
    }, rig.deps.ledger());
    ActorRef<AccountSync.Command> sync = kit.spawn(AccountSync.create(rig.account, bad));
    SyncStatus failed = rig.awaitStatus(sync, s -> s.lastError() != null);
    assertTrue(failed.lastError().contains("Illegal character in authority"), failed.lastError());
    assertEquals(SyncStatus.IDLE, failed.phase(), "unusable settings are not retried soon");
    assertEquals(Fixtures.NOW.plus(INTERVAL), failed.nextSyncAt());
  }

  @Test
  void aRestartMidSyncContinuesFromTheSavedCursorAndNothingIsRecordedTwice() {
    Rig rig = new Rig(Duration.ofMillis(100));
    rig.venue.withHistory(history(25));
    // the first sync stops after one recorded page: its cursor is saved, the venue then fails for good
    for (int i = 0; i < 100; i++) {
      rig.venue.failNext(new AccountAdapterError.AuthenticationFailed("key revoked"));
    }
    InMemoryAccountAdapter firstPageOnly = new InMemoryAccountAdapter("testvenue", 10).withHistory(history(25));
    AccountSync.Dependencies onePage = new AccountSync.Dependencies(rig.deps.settings(), rig.store, new AccountAdapterFactory() {
      final AtomicInteger calls = new AtomicInteger();

      @Override
      public AccountAdapter open(SyncState connection) {
        return new AccountAdapter() {
          @Override
          public String venue() {
            return "testvenue";
          }

          @Override
          public CompletionStage<List<Balance>> balances() {
            return firstPageOnly.balances();
          }

          @Override
          public CompletionStage<HistoryPage> transactionsSince(SyncCursor cursor) {
            return calls.incrementAndGet() == 1 ? firstPageOnly.transactionsSince(cursor) : rig.venue.transactionsSince(cursor);
          }
        };
      }
    }, rig.deps.ledger());
    ActorRef<AccountSync.Command> first = kit.spawn(AccountSync.create(rig.account, onePage));
    SyncStatus stopped = rig.awaitStatus(first, s -> s.lastError() != null);
    assertEquals("10", stopped.cursor());
    assertEquals(SyncStatus.IDLE, stopped.phase(), "wrong credentials are not retried soon");
    assertEquals(Fixtures.NOW.plus(INTERVAL), stopped.nextSyncAt());
    kit.stop(first);

    // the restarted actor (a fresh venue answering again) continues from row 10; the ledger acknowledges repeats anyway
    InMemoryAccountAdapter healthy = new InMemoryAccountAdapter("testvenue", 10).withHistory(history(25));
    List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
    AccountSync.Dependencies restarted = new AccountSync.Dependencies(rig.deps.settings(), rig.store, c -> new AccountAdapter() {
      @Override
      public String venue() {
        return "testvenue";
      }

      @Override
      public CompletionStage<List<Balance>> balances() {
        return healthy.balances();
      }

      @Override
      public CompletionStage<HistoryPage> transactionsSince(SyncCursor cursor) {
        asked.add(cursor.toString());
        return healthy.transactionsSince(cursor);
      }
    }, rig.deps.ledger());
    ActorRef<AccountSync.Command> second = kit.spawn(AccountSync.create(rig.account, restarted));
    TestProbe<SyncStatus> now = kit.createTestProbe();
    second.tell(new AccountSync.SyncNow(now.ref()));
    now.receiveMessage();
    SyncStatus done = rig.awaitStatus(second, s -> s.lastSyncAt() != null);
    assertEquals("10", asked.get(0), "continued from the saved cursor");
    assertEquals(25, done.recorded());
    assertEquals(25, rig.ledgerState().transactions());
  }

  @Test
  void aRateLimitWaitsWhatTheVenueSaid() {
    Rig rig = new Rig(Duration.ofMillis(100));
    rig.venue.withHistory(history(3));
    rig.venue.failNext(new AccountAdapterError.RateLimited(Duration.ofSeconds(42)));
    ActorRef<AccountSync.Command> sync = rig.spawn();
    SyncStatus limited = rig.awaitStatus(sync, s -> s.lastError() != null);
    assertEquals(Fixtures.NOW.plusSeconds(42), limited.nextSyncAt());
    assertEquals(SyncStatus.BACKING_OFF, limited.phase());
    // on demand it syncs at once
    TestProbe<SyncStatus> probe = kit.createTestProbe();
    sync.tell(new AccountSync.SyncNow(probe.ref()));
    assertEquals(SyncStatus.SYNCING, probe.receiveMessage().phase());
    assertEquals(3, rig.awaitStatus(sync, s -> s.lastSyncAt() != null).recorded());
  }

  @Test
  void aDisconnectedAccountSaysSo() {
    Rig rig = new Rig(Duration.ofMillis(100));
    rig.store.disconnect(rig.account);
    ActorRef<AccountSync.Command> sync = rig.spawn();
    assertEquals(SyncStatus.NOT_CONNECTED, rig.awaitStatus(sync, s -> true).phase());
    assertEquals(0, rig.opened.get());
  }

  @Test
  void aSyncRunningWhileItsConnectionIsResetCannotWriteItsOldCursorOverTheResetOne() throws Exception {
    Rig rig = new Rig(Duration.ofMillis(100));
    rig.venue.withHistory(history(25));
    java.util.concurrent.CompletableFuture<HistoryPage> held = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CountDownLatch asking = new java.util.concurrent.CountDownLatch(1);
    List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger calls = new AtomicInteger();
    AccountSync.Dependencies gated = new AccountSync.Dependencies(rig.deps.settings(), rig.store, c -> new AccountAdapter() {
      @Override
      public String venue() {
        return "testvenue";
      }

      @Override
      public CompletionStage<List<Balance>> balances() {
        return rig.venue.balances();
      }

      @Override
      public CompletionStage<HistoryPage> transactionsSince(SyncCursor cursor) {
        asked.add(cursor.toString());
        if (calls.incrementAndGet() == 1) {
          asking.countDown();
          return held;
        }
        return rig.venue.transactionsSince(cursor);
      }
    }, rig.deps.ledger());
    ActorRef<AccountSync.Command> sync = kit.spawn(AccountSync.create(rig.account, gated));
    assertTrue(asking.await(30, java.util.concurrent.TimeUnit.SECONDS), "the first page asked for");
    // while that page is read, the account is connected again with other settings: its cursor reset, a new generation
    long before = rig.store.load(rig.account).orElseThrow().generation();
    rig.store.connect(rig.account, "testvenue", Fixtures.NOW);
    sync.tell(new AccountSync.Wake());
    assertTrue(rig.store.load(rig.account).orElseThrow().generation() != before);
    // the old sync's page arrives: recorded (the ledger acknowledges repeats), but its cursor is not written over the reset one
    held.complete(rig.venue.transactionsSince(SyncCursor.START).toCompletableFuture().join());
    SyncStatus done = rig.awaitStatus(sync, s -> s.lastSyncAt() != null);
    assertEquals(List.of("(start)", "(start)", "10", "20"), asked, "after the reset the history is read from its start again");
    assertEquals(List.of("10", "20", "25"), rig.store.savedCursors, "only the reset generation's cursors were saved");
    assertEquals("25", done.cursor());
    assertEquals(25, rig.ledgerState().transactions());
  }
}
