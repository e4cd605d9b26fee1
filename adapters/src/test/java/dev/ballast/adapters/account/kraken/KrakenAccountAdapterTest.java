package dev.ballast.adapters.account.kraken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.adapters.account.VenueThrottle;
import dev.ballast.adapters.statement.Imported;
import dev.ballast.adapters.statement.kraken.KrakenLedgerImporter;
import dev.ballast.adapters.statement.kraken.KrakenTradeImporter;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Kraken account against a loopback server answering as Kraken's private REST API does. */
class KrakenAccountAdapterTest {
  /** A throwaway key made for this run: no real secret in the repository. */
  private static final String SECRET = throwawaySecret();
  private static final String KEY = "test-key-" + Long.toHexString(new SecureRandom().nextLong());
  private final KrakenLoopback server = new KrakenLoopback(KEY, SECRET);

  private static String throwawaySecret() {
    byte[] b = new byte[64];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  @AfterEach
  void close() {
    server.close();
  }

  private KrakenAccountAdapter adapter() {
    return new KrakenAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), KEY, SECRET);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static List<Transaction> readAll(KrakenAccountAdapter a, SyncCursor from, List<HistoryPage> pages) throws Exception {
    List<Transaction> out = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      HistoryPage page = await(a.transactionsSince(from));
      pages.add(page);
      out.addAll(page.transactions());
      from = page.next();
      if (!page.more()) {
        return out;
      }
    }
    throw new AssertionError("no end");
  }

  /** The recorded ledgers.csv as the API's entries (the pending row has no id, so the API has no entry for it); times get a fraction. */
  private static List<KrakenLoopback.Ledger> fixtureAsApi() throws Exception {
    List<KrakenLoopback.Ledger> out = new ArrayList<>();
    try (InputStream in = KrakenLedgerImporter.class.getResourceAsStream("/dev/ballast/adapters/statement/kraken/ledgers.csv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      for (String line : lines.subList(1, lines.size())) {
        String[] c = line.replace("\"", "").split(",", -1);
        if (c[0].isEmpty()) {
          continue;
        }
        long epoch = LocalDateTime.parse(c[2].replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
        out.add(new KrakenLoopback.Ledger(c[0], c[1], epoch + ".4321", c[3], c[4], c[6], c[8], c[9], c[10]));
      }
    }
    return out;
  }

  @Test
  void everyLedgerEntryIsTheTransactionTheLedgersCsvImporterMakesOfItsRow() throws Exception {
    server.ledger.addAll(fixtureAsApi());
    List<Transaction> api = readAll(adapter(), SyncCursor.START, new ArrayList<>());
    List<Transaction> file = Imported.resource(new KrakenLedgerImporter(), "ledgers.csv", "/dev/ballast/adapters/statement/kraken/ledgers.csv");
    assertTrue(file.size() >= 6, "the fixture has deposits, trades, staking and a withdrawal: " + file.size());
    assertEquals(file, api, "the same transactions, ids included: the ledger records each once whether it came by file or by API");
  }

  /** {@code trades} trades of 0.001 BTC for 40 EUR after one deposit; both rows of a trade share their time; balances add up. */
  private void ledgerOf(int trades) {
    long t = 1_700_000_000L;
    BigDecimal eur = new BigDecimal("100000.0000");
    BigDecimal btc = new BigDecimal("0.0000000000");
    server.ledger.add(new KrakenLoopback.Ledger("LDEP00-AAAAA-000000", "QDEP000-AAAAAA-000000", t + ".1000", "deposit", "", "ZEUR",
        "100000.0000", "0.0000", eur.toPlainString()));
    for (int i = 1; i <= trades; i++) {
      String time = (t + i * 60) + ".2500";
      eur = eur.subtract(new BigDecimal("40.0000")).subtract(new BigDecimal("0.1000"));
      btc = btc.add(new BigDecimal("0.0010000000"));
      String ref = String.format("T%05d-AAAAA-BBBBBB", i);
      server.ledger.add(new KrakenLoopback.Ledger(String.format("L%05dA-AAAAA-CCCCCC", i), ref, time, "trade", "tradespot", "ZEUR", "-40.0000",
          "0.1000", eur.toPlainString()));
      server.ledger.add(new KrakenLoopback.Ledger(String.format("L%05dB-AAAAA-CCCCCC", i), ref, time, "trade", "tradespot", "XXBT",
          "0.0010000000", "0.0000000000", btc.toPlainString()));
    }
  }

  @Test
  void theLedgerIsReadOldestFirstInPagesThatNeverSplitATradeAndAskingAgainGivesTheSamePage() throws Exception {
    ledgerOf(80); // 161 entries: four listings of at most 50
    KrakenAccountAdapter a = adapter();
    List<HistoryPage> pages = new ArrayList<>();
    List<Transaction> all = readAll(a, SyncCursor.START, pages);
    assertEquals(81, all.size(), "one deposit and 80 trades");
    assertEquals(81, all.stream().map(Transaction::externalId).distinct().count());
    assertEquals(TransactionType.DEPOSIT, all.get(0).type());
    for (int i = 1; i <= 80; i++) {
      Transaction tx = all.get(i);
      assertEquals(TransactionType.BUY, tx.type());
      assertEquals(String.format("T%05d-AAAAA-BBBBBB", i), tx.externalId(), "oldest first");
      assertEquals(AssetId.of("BTC"), tx.asset());
      assertEquals(0, new BigDecimal("40000").compareTo(tx.price().value()));
    }
    assertTrue(pages.size() >= 4, "pages of at most 50 entries: " + pages.size());
    assertTrue(pages.stream().allMatch(p -> p.transactions().size() <= 25), "a page holds at most 50 entries, two per trade");
    // a page asked again from the same cursor is the same page: a sync stopped midway repeats, never skips
    SyncCursor second = pages.get(0).next();
    assertEquals(pages.get(1).transactions(), await(a.transactionsSince(second)).transactions());
    HistoryPage end = await(a.transactionsSince(pages.get(pages.size() - 1).next()));
    assertEquals(List.of(), end.transactions());
    assertFalse(end.more());
    // every request was signed with a nonce above the last (the server refuses any other)
    List<Long> nonces = server.requests().stream().map(r -> Long.parseLong(r.get("nonce"))).toList();
    for (int i = 1; i < nonces.size(); i++) {
      assertTrue(nonces.get(i) > nonces.get(i - 1), "nonce " + i + " " + nonces);
    }
    // the first request of a later sync starts after the cursor's time
    assertEquals(second.value().substring(0, second.value().indexOf(':')),
        server.requests().stream().filter(r -> r.containsKey("start")).findFirst().orElseThrow().get("start"));
  }

  @Test
  void aTradeWhoseSecondRowIsNotWrittenYetWaitsForItWithoutMovingTheCursorPastIt() throws Exception {
    ledgerOf(2);
    KrakenLoopback.Ledger lastLeg = server.ledger.remove(server.ledger.size() - 1);
    KrakenAccountAdapter a = adapter();
    HistoryPage first = await(a.transactionsSince(SyncCursor.START));
    assertEquals(List.of("LDEP00-AAAAA-000000", "T00001-AAAAA-BBBBBB"), first.transactions().stream().map(Transaction::externalId).toList());
    assertFalse(first.more());
    server.ledger.add(lastLeg);
    HistoryPage next = await(a.transactionsSince(first.next()));
    assertEquals(List.of("T00002-AAAAA-BBBBBB"), next.transactions().stream().map(Transaction::externalId).toList());
  }

  @Test
  void aTradeWaitingForItsSecondRowAtTheTimeOfAnotherTradeHoldsTheCursorBeforeThatTimeSoNoLegIsSkipped() throws Exception {
    ledgerOf(2);
    // the second trade made in the same second as the first: its two rows share the first trade's time
    String firstTime = server.ledger.get(1).time();
    for (int i = 3; i <= 4; i++) {
      KrakenLoopback.Ledger l = server.ledger.get(i);
      server.ledger.set(i, new KrakenLoopback.Ledger(l.id(), l.refid(), firstTime, l.type(), l.subtype(), l.asset(), l.amount(), l.fee(), l.balance()));
    }
    KrakenLoopback.Ledger lastLeg = server.ledger.remove(server.ledger.size() - 1);
    KrakenAccountAdapter a = adapter();
    HistoryPage first = await(a.transactionsSince(SyncCursor.START));
    assertEquals(List.of("LDEP00-AAAAA-000000"), first.transactions().stream().map(Transaction::externalId).toList(),
        "the first trade waits with the second: the next request starts after the cursor's time, so the cut is before that time");
    assertTrue(first.next().value().startsWith(server.ledger.get(0).time() + ":"), first.next().value());
    assertFalse(first.more());
    server.ledger.add(lastLeg);
    HistoryPage next = await(a.transactionsSince(first.next()));
    assertEquals(List.of("T00001-AAAAA-BBBBBB", "T00002-AAAAA-BBBBBB"), next.transactions().stream().map(Transaction::externalId).toList());
  }

  @Test
  void theCutNeverSeparatesTheRowsOfATradeNorTheEntriesOfATime() {
    BigDecimal t0 = new BigDecimal("100.0");
    BigDecimal t1 = new BigDecimal("100.1");
    BigDecimal t2 = new BigDecimal("100.2");
    BigDecimal t3 = new BigDecimal("100.3");
    List<dev.ballast.adapters.kraken.KrakenLedgerEntries.Entry> entries = List.of(
        entry("L1", "D1", t0, "deposit"),
        // trade A: its rows a moment apart, the second at the time of trade B's first row
        entry("L2", "TA", t1, "trade"), entry("L3", "TA", t2, "trade"),
        entry("L4", "TB", t2, "trade"), entry("L5", "TB", t3, "trade"),
        // trade C's second row not written yet
        entry("L6", "TC", t3, "trade"));
    // C lacks a row: cut before it; t3 holds B's second row, so B goes; t2 holds A's second row, so A goes with its first row
    assertEquals(List.of("L1"), KrakenAccountAdapter.whole(entries, false).stream().map(dev.ballast.adapters.kraken.KrakenLedgerEntries.Entry::id).toList());
    assertEquals(List.of("L1", "L2", "L3", "L4", "L5", "L6", "L7"), KrakenAccountAdapter.whole(
        new ArrayList<>(List.of(entries.get(0), entries.get(1), entries.get(2), entries.get(3), entries.get(4), entries.get(5), entry("L7", "TC", t3, "trade"))),
        false).stream().map(dev.ballast.adapters.kraken.KrakenLedgerEntries.Entry::id).toList(), "complete: nothing cut");
  }

  private static dev.ballast.adapters.kraken.KrakenLedgerEntries.Entry entry(String id, String refid, BigDecimal time, String type) {
    return new dev.ballast.adapters.kraken.KrakenLedgerEntries.Entry(id, refid, time, type, "", "currency", "ZEUR", "1.0000", "0.0000", "1.0000");
  }

  @Test
  void balancesComeFromBalanceExWithWhatOpenOrdersHoldLockedAndStakedBalancesCountedAsTheirAsset() throws Exception {
    // BalanceEx as Kraken answers it: strings, hold_trade only where orders hold something, credit fields on some assets
    server.balanceEx = "{\"ZEUR\":{\"balance\":\"2943.7400\",\"hold_trade\":\"500.0000\"},"
        + "\"XXBT\":{\"balance\":\"0.0199000000\",\"hold_trade\":\"0.0000000000\",\"credit\":\"0.0000\",\"credit_used\":\"0.0000\"},"
        + "\"DOT\":{\"balance\":\"1.0000000000\",\"hold_trade\":\"0.2500000000\"},\"DOT.S\":{\"balance\":\"100.5000000000\"},"
        + "\"XBT.F\":{\"balance\":\"0.0001000000\",\"hold_trade\":\"0.0000000000\"},\"USDT\":{\"balance\":\"0.00000000\",\"hold_trade\":\"0.00000000\"}}";
    assertEquals(List.of(new Balance(AssetId.of("BTC"), Quantity.of("0.0200000000"), Quantity.of("0.0200000000"), Quantity.of("0.0000000000")),
        new Balance(AssetId.of("DOT"), Quantity.of("101.5000000000"), Quantity.of("101.2500000000"), Quantity.of("0.2500000000")),
        new Balance(AssetId.of("EUR"), Quantity.of("2943.7400"), Quantity.of("2443.7400"), Quantity.of("500.0000"))), await(adapter().balances()));
    assertEquals(List.of("/0/private/BalanceEx"), server.requests().stream().map(r -> r.get("path")).toList());
  }

  @Test
  void aHoldAboveTheBalanceIsAMalformedAnswerNotANegativeAvailable() {
    server.balanceEx = "{\"ZEUR\":{\"balance\":\"10.0000\",\"hold_trade\":\"12.0000\"}}";
    AccountAdapterError e = failure(adapter().balances());
    assertInstanceOf(AccountAdapterError.Malformed.class, e);
    assertTrue(e.message().contains("hold_trade of ZEUR"), e.message());
  }

  private KrakenAccountAdapter tradesAdapter(VenueThrottle throttle) {
    return new KrakenAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), KEY, SECRET, KrakenAccountAdapter.History.TRADES, throttle);
  }

  /** The recorded trades.csv as TradesHistory's trades: times as Kraken's decimal seconds, numbers as strings, ledger ids as an array. */
  private static List<KrakenLoopback.Trade> tradesFixtureAsApi() throws Exception {
    List<KrakenLoopback.Trade> out = new ArrayList<>();
    try (InputStream in = KrakenLedgerImporter.class.getResourceAsStream("/dev/ballast/adapters/statement/kraken/trades.csv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      for (String line : lines.subList(1, lines.size())) {
        // the ledgers cell is the last, quoted, with commas inside
        int ledgersAt = line.lastIndexOf(",\"");
        String[] c = line.substring(0, ledgersAt).replace("\"", "").split(",", -1);
        String ledgers = line.substring(ledgersAt + 2, line.length() - 1);
        String[] at = c[3].split("\\.");
        long epoch = LocalDateTime.parse(at[0].replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
        out.add(new KrakenLoopback.Trade(c[0], c[1], c[2], epoch + "." + at[1] + "123", c[4], c[5], c[6], c[7], c[8], c[9],
            ledgers.isEmpty() ? List.of() : List.of(ledgers.split(","))));
      }
    }
    return out;
  }

  @Test
  void everyTradeOfTradesHistoryIsTheTransactionTheTradesCsvImporterMakesOfItsRow() throws Exception {
    List<KrakenLoopback.Trade> fixture = tradesFixtureAsApi();
    // TradesHistory lists by time: the fixture's rows are oldest first
    server.trades.addAll(fixture);
    List<Transaction> api = readAll(tradesAdapter(VenueThrottle.unlimited()), SyncCursor.START, new ArrayList<>());
    List<Transaction> file = Imported.resource(new KrakenTradeImporter(), "trades.csv", "/dev/ballast/adapters/statement/kraken/trades.csv");
    assertEquals(fixture.size(), file.size());
    assertEquals(file, api, "the same transactions, ids included (the id is the txid, the refid of the trade's ledger rows)");
    assertTrue(server.requests().stream().allMatch(r -> r.get("path").equals("/0/private/TradesHistory") && "all".equals(r.get("type"))));
  }

  /** {@code n} buys of 0.001 BTC for 40 EUR with a 0.1 EUR fee, a minute apart. */
  private void tradesOf(int n) {
    long t = 1_700_000_000L;
    for (int i = 1; i <= n; i++) {
      server.trades.add(new KrakenLoopback.Trade(String.format("T%05d-AAAAA-BBBBBB", i), "OQCLML-BW3P3-BUCMWZ", "XXBTZEUR", (t + i * 60) + ".2500",
          "buy", "limit", "40000.0", "40.00000", "0.10000", "0.00100000",
          List.of(String.format("L%05dA-AAAAA-CCCCCC", i), String.format("L%05dB-AAAAA-CCCCCC", i))));
    }
  }

  @Test
  void tradesHistoryIsReadOldestFirstByOffsetAndAskingAgainFromACursorGivesTheSamePage() throws Exception {
    tradesOf(120); // three listings of at most 50
    KrakenAccountAdapter a = tradesAdapter(VenueThrottle.unlimited());
    List<HistoryPage> pages = new ArrayList<>();
    List<Transaction> all = readAll(a, SyncCursor.START, pages);
    assertEquals(120, all.size());
    for (int i = 0; i < 120; i++) {
      Transaction tx = all.get(i);
      assertEquals(String.format("T%05d-AAAAA-BBBBBB", i + 1), tx.externalId(), "oldest first, none twice");
      assertEquals(TransactionType.BUY, tx.type());
      assertEquals(KrakenLedgerImporter.SOURCE, tx.source());
      assertEquals(0, new BigDecimal("40000").compareTo(tx.price().value()));
      assertEquals(0, new BigDecimal("0.1").compareTo(tx.fee().amount()));
    }
    assertTrue(pages.size() >= 3 && pages.stream().allMatch(p -> p.transactions().size() <= 50), "pages of at most 50: " + pages.size());
    assertEquals(pages.get(1).transactions(), await(a.transactionsSince(pages.get(0).next())).transactions());
    // the oldest 50 are the last page of Kraken's newest-first listing
    assertTrue(server.requests().stream().anyMatch(r -> "70".equals(r.get("ofs"))), server.requests().toString());
  }

  @Test
  void theThrottleKeepsALongFirstSyncUnderKrakensCounterWhichAnUnthrottledSyncOverruns() throws Exception {
    ledgerOf(80); // four listings, two requests each
    server.limit = new KrakenLoopback.Limit(4, 20); // 4 points, 20 back a second
    // a throttle of one point per 50 ms (20 a second, the counter's decay): a Ledgers call every 100 ms
    VenueThrottle throttle = VenueThrottle.of("kraken-test", new VenueThrottle.Limit(1, java.time.Duration.ofMillis(50)));
    KrakenAccountAdapter paced = new KrakenAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), KEY, SECRET, KrakenAccountAdapter.History.LEDGERS, throttle);
    List<Transaction> all = readAll(paced, SyncCursor.START, new ArrayList<>());
    assertEquals(81, all.size());
    assertEquals(0, server.rateLimited(), "no request of the paced sync was refused");
    // the same sync without pacing fills the counter after two Ledgers calls: the venue refuses, as Kraken does
    assertEquals(new AccountAdapterError.RateLimited(null), failure(readAllStage(adapter())));
    assertTrue(server.rateLimited() > 0);
  }

  /** Reads every page and fails the stage with the first failure. */
  private static CompletionStage<List<Transaction>> readAllStage(KrakenAccountAdapter a) {
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return readAll(a, SyncCursor.START, new ArrayList<>());
      } catch (java.util.concurrent.ExecutionException e) {
        throw new CompletionException(e.getCause());
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
  }

  private static AccountAdapterError failure(CompletionStage<?> stage) {
    Exception e = assertThrows(Exception.class, () -> await(stage));
    Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
    return assertInstanceOf(AccountAdapterException.class, cause).error();
  }

  @Test
  void krakensErrorArrayBecomesTheSyncActorsErrorKinds() {
    KrakenAccountAdapter a = adapter();
    server.thenAnswer(new KrakenLoopback.Answer(200, "{\"error\":[\"EAPI:Rate limit exceeded\"]}"));
    assertEquals(new AccountAdapterError.RateLimited(null), failure(a.transactionsSince(SyncCursor.START)));
    server.thenAnswer(new KrakenLoopback.Answer(200, "{\"error\":[\"EAPI:Invalid nonce\"]}"));
    assertInstanceOf(AccountAdapterError.Unavailable.class, failure(a.balances()), "a later request carries a higher nonce: transient");
    server.thenAnswer(new KrakenLoopback.Answer(200, "{\"error\":[\"EService:Unavailable\"]}"));
    assertInstanceOf(AccountAdapterError.Unavailable.class, failure(a.balances()));
    server.thenAnswer(new KrakenLoopback.Answer(502, "<html>Bad Gateway</html>"));
    assertInstanceOf(AccountAdapterError.Unavailable.class, failure(a.balances()));
    server.thenAnswer(new KrakenLoopback.Answer(200, "{\"error\":[\"EGeneral:Permission denied\"]}"));
    assertInstanceOf(AccountAdapterError.AuthenticationFailed.class, failure(a.balances()));
    AccountAdapterError wrongSecret = failure(new KrakenAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), KEY, throwawaySecret()).balances());
    assertEquals(new AccountAdapterError.AuthenticationFailed("Kraken EAPI:Invalid signature"), wrongSecret);
    AccountAdapterError wrongKey = failure(new KrakenAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), "other-key", SECRET).balances());
    assertInstanceOf(AccountAdapterError.AuthenticationFailed.class, wrongKey);
    assertFalse(wrongKey.message().contains(SECRET) || wrongSecret.message().contains(SECRET));
  }

  @Test
  void moreEntriesAtOneTimeThanAPageHoldsAreRefusedRatherThanSkipped() {
    for (int i = 0; i < 51; i++) {
      server.ledger.add(new KrakenLoopback.Ledger(String.format("LS%04d-AAAAA-000000", i), "STKRWD-AAAAA-" + i, "1700000000.5000", "staking", "",
          "DOT.S", "0.0100000000", "0.0000000000", new BigDecimal("0.0100000000").multiply(BigDecimal.valueOf(i + 1)).toPlainString()));
    }
    AccountAdapterError e = failure(adapter().transactionsSince(SyncCursor.START));
    assertInstanceOf(AccountAdapterError.Malformed.class, e);
    assertTrue(e.message().contains("1700000000.5000"), e.message());
  }

  @Test
  void aDamagedEntryIsAMalformedAnswerNamingTheLedgerId() {
    ledgerOf(1);
    KrakenLoopback.Ledger leg = server.ledger.remove(1); // the EUR row: its balance is checked against the deposit's
    server.ledger.add(1, new KrakenLoopback.Ledger(leg.id(), leg.refid(), leg.time(), leg.type(), leg.subtype(), leg.asset(), leg.amount(), leg.fee(), "7"));
    AccountAdapterError e = failure(adapter().transactionsSince(SyncCursor.START));
    assertInstanceOf(AccountAdapterError.Malformed.class, e);
    assertTrue(e.message().contains(leg.id()) && e.message().contains("balance"), e.message());
  }
}
