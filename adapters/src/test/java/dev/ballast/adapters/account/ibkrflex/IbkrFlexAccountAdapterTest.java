package dev.ballast.adapters.account.ibkrflex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.adapters.account.VenueThrottle;
import dev.ballast.adapters.marketdata.LoopbackServer;
import dev.ballast.adapters.marketdata.LoopbackServer.Answer;
import dev.ballast.adapters.statement.Imported;
import dev.ballast.adapters.statement.ibkr.IbkrFlexImporter;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The IBKR Flex Web Service's two steps against a loopback server answering as IBKR does (XML status answers, then the CSV statement). */
class IbkrFlexAccountAdapterTest {
  /** A throwaway token made for this run. */
  private static final String TOKEN = Long.toString(Math.abs(new SecureRandom().nextLong()));
  private static final String QUERY = "734512";
  private final LoopbackServer server = new LoopbackServer();
  private final String csvStatement = LoopbackServer.resource(IbkrFlexImporter.class, "ibkr_flex_sections.csv");
  private final String xmlStatement = LoopbackServer.resource(IbkrFlexAccountAdapterTest.class, "flex_statement.xml");
  /** What GetStatement answers once made: the CSV query unless a test sets the XML one. */
  private volatile String statement = csvStatement;
  private volatile int inProgress = 2;
  private volatile String sendAnswer;

  @AfterEach
  void close() {
    server.close();
  }

  private static String param(String query, String name) {
    for (String p : query.split("&")) {
      if (p.startsWith(name + "=")) {
        return p.substring(name.length() + 1);
      }
    }
    return null;
  }

  /** IBKR's answers: SendRequest checks the token and query, GetStatement the reference; "in progress" twice before the statement. */
  private synchronized Answer flex(URI uri) {
    String q = uri.getRawQuery();
    if (!"3".equals(param(q, "v"))) {
      return Answer.json(200, "<FlexStatementResponse timestamp=\"03 December, 2026 01:00 AM EST\"><Status>Fail</Status><ErrorCode>1020</ErrorCode>"
          + "<ErrorMessage>Invalid request or unable to validate request.</ErrorMessage></FlexStatementResponse>");
    }
    if (!TOKEN.equals(param(q, "t"))) {
      return Answer.json(200, "<FlexStatementResponse timestamp=\"03 December, 2026 01:00 AM EST\"><Status>Fail</Status><ErrorCode>1015</ErrorCode>"
          + "<ErrorMessage>Token is invalid.</ErrorMessage></FlexStatementResponse>");
    }
    if (uri.getPath().endsWith("/SendRequest")) {
      if (sendAnswer != null) {
        return Answer.json(200, sendAnswer);
      }
      if (!QUERY.equals(param(q, "q"))) {
        return Answer.json(200, "<FlexStatementResponse timestamp=\"03 December, 2026 01:00 AM EST\"><Status>Fail</Status><ErrorCode>1014</ErrorCode>"
            + "<ErrorMessage>Query is invalid.</ErrorMessage></FlexStatementResponse>");
      }
      return Answer.json(200, "<FlexStatementResponse timestamp=\"03 December, 2026 01:00 AM EST\">\n<Status>Success</Status>\n"
          + "<ReferenceCode>5912047315</ReferenceCode>\n<Url>" + server.baseUrl() + "FlexWebService/GetStatement</Url>\n</FlexStatementResponse>");
    }
    if (uri.getPath().endsWith("/GetStatement") && "5912047315".equals(param(q, "q"))) {
      if (inProgress > 0) {
        inProgress--;
        return Answer.json(200, "<FlexStatementResponse timestamp=\"03 December, 2026 01:00 AM EST\"><Status>Warn</Status><ErrorCode>1019</ErrorCode>"
            + "<ErrorMessage>Statement generation in progress. Please try again shortly.</ErrorMessage></FlexStatementResponse>");
      }
      return new Answer(200, java.util.Map.of("Content-Type", "text/plain"), statement.getBytes(StandardCharsets.UTF_8), false);
    }
    return Answer.json(404, "{}");
  }

  private IbkrFlexAccountAdapter adapter(String token) {
    server.answering(this::flex);
    return new IbkrFlexAccountAdapter(HttpClient.newHttpClient(), server.baseUrl().resolve("FlexWebService/"), token, QUERY,
        new dev.ballast.adapters.statement.ibkr.IbkrFlexImporter(ZoneId.of("America/New_York")), Duration.ofMillis(20), 10, VenueThrottle.unlimited());
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static AccountAdapterError failure(CompletionStage<?> stage) {
    Exception e = assertThrows(Exception.class, () -> await(stage));
    Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
    return assertInstanceOf(AccountAdapterException.class, cause).error();
  }

  @Test
  void theStatementIsAskedForThenPolledWhileInProgressAndReadByTheFlexImporter() throws Exception {
    HistoryPage page = await(adapter(TOKEN).transactionsSince(SyncCursor.START));
    List<Transaction> file = imported(statement);
    assertTrue(file.size() >= 3, "the fixture has trades and cash transactions: " + file.size());
    assertEquals(file, page.transactions(), "the same transactions as the file imported by hand, ids included");
    assertFalse(page.more());
    assertEquals(file.get(file.size() - 1).timestamp().toString(), page.next().value());
    List<String> paths = server.requests().stream().map(LoopbackServer.Request::path).toList();
    assertEquals(List.of("/FlexWebService/SendRequest", "/FlexWebService/GetStatement", "/FlexWebService/GetStatement", "/FlexWebService/GetStatement"),
        paths, "one request, then polled twice while IBKR made the statement");
    // a later sync asks for the whole period again: the same rows, which the ledger acknowledges
    inProgress = 0;
    assertEquals(page.transactions(), await(adapter(TOKEN).transactionsSince(page.next())).transactions());
  }

  @Test
  void flexErrorCodesAreTypedAndNoMessageHoldsTheToken() throws Exception {
    AccountAdapterError wrongToken = failure(adapter("999").transactionsSince(SyncCursor.START));
    assertEquals(new AccountAdapterError.AuthenticationFailed("IBKR Flex 1015 Token is invalid."), wrongToken);
    sendAnswer = "<FlexStatementResponse timestamp=\"x\"><Status>Fail</Status><ErrorCode>1018</ErrorCode>"
        + "<ErrorMessage>Too many requests have been made from this token. Please try again shortly.</ErrorMessage></FlexStatementResponse>";
    assertEquals(new AccountAdapterError.RateLimited(null), failure(adapter(TOKEN).transactionsSince(SyncCursor.START)));
    sendAnswer = "<FlexStatementResponse timestamp=\"x\"><Status>Fail</Status><ErrorCode>1012</ErrorCode>"
        + "<ErrorMessage>Token has expired.</ErrorMessage></FlexStatementResponse>";
    AccountAdapterError expired = failure(adapter(TOKEN).transactionsSince(SyncCursor.START));
    assertInstanceOf(AccountAdapterError.AuthenticationFailed.class, expired);
    assertFalse(expired.message().contains(TOKEN));
    sendAnswer = null;
    server.thenAnswer(Answer.json(503, "<html>Service Unavailable</html>"));
    assertInstanceOf(AccountAdapterError.Unavailable.class, failure(adapter(TOKEN).transactionsSince(SyncCursor.START)));
    assertFalse(adapter(TOKEN).toString().contains(TOKEN));
  }

  @Test
  void aStatementStillInProgressAfterEveryPollIsUnavailableAndXmlThatIsNotAFlexStatementIsRefused() throws Exception {
    inProgress = 100;
    AccountAdapterError late = failure(adapter(TOKEN).transactionsSince(SyncCursor.START));
    assertInstanceOf(AccountAdapterError.Unavailable.class, late);
    assertTrue(late.message().contains("10 tries"), late.message());
    inProgress = 0;
    statement = "<html><body>Maintenance</body></html>";
    AccountAdapterError e = failure(adapter(TOKEN).transactionsSince(SyncCursor.START));
    assertInstanceOf(AccountAdapterError.Malformed.class, e);
    assertTrue(e.message().contains("FlexQueryResponse"), e.message());
  }

  private List<Transaction> imported(String csv) {
    List<Transaction> file = Imported.transactions(new IbkrFlexImporter(ZoneId.of("America/New_York")), "flex.csv", csv);
    file.sort(Comparator.comparing(Transaction::timestamp));
    return file;
  }

  @Test
  void anXmlStatementGivesTheCsvQuerysTransactionsAndItsOpenPositionsAndCashAsBalances() throws Exception {
    statement = xmlStatement;
    IbkrFlexAccountAdapter adapter = adapter(TOKEN);
    HistoryPage page = await(adapter.transactionsSince(SyncCursor.START));
    List<Transaction> file = imported(csvStatement);
    assertEquals(13, file.size(), "six trades and seven cash transactions in the CSV fixture");
    assertEquals(file, page.transactions(), "the XML of the query gives the CSV's transactions, ids included (closed lots and summaries skipped)");
    List<Balance> balances = await(adapter.balances());
    assertEquals(List.of(Balance.of(AssetId.of("AAPL"), Quantity.of("120")), Balance.of(AssetId.of("BRK.B"), Quantity.of("10")),
        Balance.of(AssetId.of("F"), Quantity.of("1500")), Balance.of(AssetId.of("USD"), Quantity.of("6548.2752")),
        Balance.of(AssetId.of("EUR"), Quantity.of("10000"))), balances,
        "the summary positions (the lot row not counted again) and each currency's ending cash, BASE_SUMMARY left out");
    assertEquals(2, adapter.notReported().size(), adapter.notReported().toString());
    assertTrue(adapter.notReported().get(0).contains("OPT"), adapter.notReported().toString());
    assertTrue(adapter.notReported().get(1).startsWith("GBP -12.5"), adapter.notReported().toString());
    List<String> paths = server.requests().stream().map(LoopbackServer.Request::path).toList();
    assertEquals(4, paths.size(), "the balances come from the statement the sync read, not a second request: " + paths);
  }

  @Test
  void aBadXmlRowNamesItsElementAndTransactionIdAndAQueryOverTwoAccountsIsRefused() throws Exception {
    inProgress = 0;
    statement = xmlStatement.replace("tradePrice=\"185.52\"", "tradePrice=\"18S.52\"");
    AccountAdapterError bad = failure(adapter(TOKEN).transactionsSince(SyncCursor.START));
    assertInstanceOf(AccountAdapterError.Malformed.class, bad);
    assertTrue(bad.message().contains("<Trade> 2 of <Trades> (transactionID 1002): TradePrice"), bad.message());
    statement = xmlStatement.replace("</FlexStatements>", "<FlexStatement accountId=\"U8888888\" fromDate=\"20250101\" toDate=\"20251231\" />"
        + "</FlexStatements>");
    AccountAdapterError two = failure(adapter(TOKEN).transactionsSince(SyncCursor.START));
    assertInstanceOf(AccountAdapterError.Malformed.class, two);
    assertTrue(two.message().contains("2 accounts [U9999999, U8888888]"), two.message());
    statement = xmlStatement.replace("endingCash=\"10000\"", "endingCash=\"ten\"");
    AccountAdapterError cash = failure(adapter(TOKEN).transactionsSince(SyncCursor.START));
    assertTrue(cash.message().contains("endingCash \"ten\" is not a number"), cash.message());
  }

  @Test
  void aStatementOfMoreRowsThanTheLedgersBatchIsCutIntoPagesThatResumeRightAfterTheLastRowEvenWithinOneSecond() throws Exception {
    // 10,050 trades a minute apart, 30 of them at one time straddling the cut at 10,000
    StringBuilder csv = new StringBuilder();
    csv.append("\"BOF\",\"U9999999\",\"Activity\",\"2\",\"20250101\",\"20251231\",\"20260104;211736\",\"1\"\n\"BOA\",\"U9999999\"\n")
        .append("\"BOS\",\"TRNT\",\"Trades; trade date basis\"\n")
        .append("\"HEADER\",\"TRNT\",\"ClientAccountID\",\"CurrencyPrimary\",\"FXRateToBase\",\"AssetClass\",\"Symbol\",\"Description\",\"TradeID\",")
        .append("\"DateTime\",\"TradeDate\",\"TransactionType\",\"Exchange\",\"Quantity\",\"TradePrice\",\"TradeMoney\",\"Proceeds\",\"Taxes\",")
        .append("\"IBCommission\",\"IBCommissionCurrency\",\"NetCash\",\"Open/CloseIndicator\",\"Notes/Codes\",\"CostBasis\",\"FifoPnlRealized\",")
        .append("\"Buy/Sell\",\"IBOrderID\",\"TransactionID\",\"LevelOfDetail\"\n");
    java.time.LocalDateTime base = java.time.LocalDateTime.parse("2025-01-02T09:30:00");
    java.time.LocalDateTime shared = base.plusMinutes(9_990);
    java.time.format.DateTimeFormatter stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd;HHmmss");
    java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd");
    List<dev.ballast.engine.model.ExternalRef> expected = new java.util.ArrayList<>();
    for (int i = 0; i < 10_050; i++) {
      java.time.LocalDateTime at = i < 9_990 ? base.plusMinutes(i) : i < 10_020 ? shared : shared.plusMinutes(i - 10_019);
      long id = 100_000 + i;
      csv.append("\"DATA\",\"TRNT\",\"U9999999\",\"USD\",\"1\",\"STK\",\"AAPL\",\"APPLE INC\",\"").append(id).append("\",\"")
          .append(at.format(stamp)).append("\",\"").append(at.format(day))
          .append("\",\"ExchTrade\",\"NASDAQ\",\"1\",\"185.5\",\"185.5\",\"-185.5\",\"0\",\"-1\",\"USD\",\"-186.5\",\"O\",\"\",\"186.5\",\"0\",")
          .append("\"BUY\",\"5001\",\"").append(id).append("\",\"EXECUTION\"\n");
    }
    csv.append("\"EOS\",\"TRNT\",\"10050\"\n\"EOA\",\"U9999999\"\n\"EOF\",\"U9999999\"\n");
    statement = csv.toString();
    inProgress = 0;
    List<Transaction> file = imported(statement);
    assertEquals(10_050, file.size());
    file.stream().sorted(Comparator.comparing(Transaction::timestamp).thenComparing(Transaction::externalId)).forEach(t -> expected.add(t.ref()));
    IbkrFlexAccountAdapter a = adapter(TOKEN);
    dev.ballast.adapters.account.Pages.Drained drained = dev.ballast.adapters.account.Pages.drain(a, SyncCursor.START, 5);
    assertEquals(2, drained.pages().size());
    assertEquals(10_000, drained.pages().get(0).transactions().size());
    assertTrue(drained.pages().get(0).next().value().contains("|"), drained.pages().get(0).next().value());
    assertEquals(50, drained.pages().get(1).transactions().size(), "the second page: only the rows after the cut");
    dev.ballast.adapters.account.Pages.assertRecordedOnceInOrder(expected, drained);
    assertEquals(1, server.requests().stream().filter(r -> r.path().endsWith("/SendRequest")).count(), "the second page continues the statement read");
    assertEquals(file.stream().map(Transaction::timestamp).max(Comparator.naturalOrder()).orElseThrow().toString(), drained.last().value(),
        "after the last page the cursor is the newest transaction's time, as before");
  }
}
