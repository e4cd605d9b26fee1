package dev.ballast.api.http.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange and broker exports (IBKR Flex, Kraken ledgers, Coinbase, Binance statement) into a
 * running server, detected by their headers: positions, cost and cash exact; the same file again
 * and a later export that overlaps it add only what is new; a damaged file is refused whole and
 * leaves the ledger as it was.
 */
class VenueImportTest {
  static final java.util.Set<String> FIAT = java.util.Set.of("USD", "EUR", "JPY");

  @TempDir Path dir;
  TestServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.http.ask-timeout = 60s\n");
    for (String[] asset : new String[][] {{"AAPL", "Apple", "EQUITY", "USD"}, {"F", "Ford", "EQUITY", "USD"},
        {"BRK.B", "Berkshire B", "EQUITY", "USD"}, {"BTC", "Bitcoin", "CRYPTO", "USD"}, {"ETH", "Ether", "CRYPTO", "USD"},
        {"DOT", "Polkadot", "CRYPTO", "USD"}, {"SOL", "Solana", "CRYPTO", "USD"}, {"BNB", "BNB", "CRYPTO", "USD"},
        {"USDT", "Tether", "STABLECOIN", "USD"}}) {
      int status = server.post("/api/assets", Map.of("id", asset[0], "name", asset[1], "assetClass", asset[2], "quoteCurrency", asset[3])).status();
      assertTrue(status == 200 || status == 201, "asset " + asset[0] + ": " + status);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void open(String id, String provider, String currency) {
    assertEquals(201, server.post("/api/accounts", Map.of("id", id, "name", id, "kind", "EXCHANGE", "provider", provider, "currency", currency,
        "taxWrapper", "TAXABLE")).status());
  }

  static byte[] sample(String name) {
    try (InputStream in = VenueImportTest.class.getResourceAsStream("/dev/ballast/api/imports/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  TestServer.Reply upload(String account, String file, byte[] body) {
    return upload(account, file, "", body);
  }

  /** Uploads with more query parameters ({@code &name=value...}) after the file name. */
  TestServer.Reply upload(String account, String file, String parameters, byte[] body) {
    try {
      HttpRequest request = HttpRequest.newBuilder(server.uri("/api/accounts/" + account + "/imports?file=" + URLEncoder.encode(file, StandardCharsets.UTF_8) + parameters))
          .header("Authorization", "Bearer " + server.token()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new TestServer.Reply(r.statusCode(), "", TestServer.json().readTree(r.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** asset -> "quantity" or "quantity|costInAccount", numbers without trailing zeros. */
  Map<String, String> positions(String account) {
    server.awaitReadSide();
    Map<String, String> map = new TreeMap<>();
    server.get("/api/accounts/" + account + "/positions").body().forEach(p -> map.put(p.get("asset").asText(),
        plain(p.get("quantity")) + (p.hasNonNull("costInAccount") && !FIAT.contains(p.get("asset").asText()) ? "|" + plain(p.get("costInAccount")) : "")));
    return map;
  }

  static String plain(JsonNode n) {
    BigDecimal d = n.decimalValue();
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  static String lines(byte[] file, String eol, int... indexes) {
    String[] all = new String(file, StandardCharsets.UTF_8).split("\r?\n");
    StringBuilder sb = new StringBuilder();
    Arrays.stream(indexes).forEach(i -> sb.append(all[i]).append(eol));
    return sb.toString();
  }

  static int[] range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).toArray();
  }

  /** Imports the sample, the same file again, an overlapping later export, and a damaged copy; returns the first report. */
  JsonNode importTwiceOverlapAndDamage(String account, String file, String format, byte[] overlap, int overlapAlready, byte[] damaged,
      Map<String, String> expected) {
    TestServer.Reply first = upload(account, file, sample(file));
    assertEquals(201, first.status(), first.body().toPrettyString());
    assertEquals(format, first.body().get("format").asText());
    assertEquals(expected, positions(account));

    TestServer.Reply again = upload(account, file, sample(file));
    assertEquals(200, again.status(), again.body().toPrettyString());
    assertEquals(0, again.body().get("accounts").get(0).get("recorded").asInt());
    assertEquals(first.body().get("accounts").get(0).get("recorded").asInt(), again.body().get("accounts").get(0).get("duplicates").asInt());

    TestServer.Reply later = upload(account, "later-" + file, overlap);
    assertEquals(201, later.status(), later.body().toPrettyString());
    assertEquals(1, later.body().get("accounts").get(0).get("recorded").asInt(), later.body().toPrettyString());
    assertEquals(overlapAlready, later.body().get("accounts").get(0).get("duplicates").asInt(), later.body().toPrettyString());
    Map<String, String> afterOverlap = positions(account);

    TestServer.Reply bad = upload(account, "damaged-" + file, damaged);
    assertEquals(400, bad.status(), bad.body().toPrettyString());
    assertEquals("refused", bad.body().get("outcome").asText());
    JsonNode rejected = bad.body().get("rejected").get(0);
    assertEquals("damaged-" + file, rejected.get("file").asText());
    assertTrue(rejected.get("line").asInt() > 1 && rejected.hasNonNull("column"), rejected.toString());
    assertEquals(afterOverlap, positions(account), "a refused file changes nothing");
    return first.body();
  }

  @Test
  void anIbkrFlexQueryWithTradesAndCashTransactions() {
    open("ibkr", "ibkr", "USD");
    byte[] s = sample("ibkr_flex.csv");
    String newCash = "\"U9999999\",\"USD\",\"1\",\"\",\"\",\"CASH RECEIPTS\",\"20250701\",\"20250701\",\"500\",\"Deposits/Withdrawals\",\"\",\"\",\"2008\",\"20250701\",\"DETAIL\"\n";
    byte[] overlap = (lines(s, "\n", 0, 1, 4, 5, 6, 10) + newCash).getBytes(StandardCharsets.UTF_8);
    byte[] damaged = new String(s, StandardCharsets.UTF_8).replace("\"410.33\"", "\"410,33x\"").getBytes(StandardCharsets.UTF_8);
    JsonNode report = importTwiceOverlapAndDamage("ibkr", "ibkr_flex.csv", "ibkr-flex", overlap, 3, damaged,
        Map.of("USD", "6548.2752", "EUR", "10000", "AAPL", "120|22262.20384", "F", "1500|15390", "BRK.B", "10|4104.3"));
    assertEquals(13, report.get("accounts").get(0).get("recorded").asInt());
    assertEquals("7048.2752", positions("ibkr").get("USD"), "the later export's deposit of 500");
  }

  @Test
  void anIbkrActivityStatementTwiceAndADamagedCopy() {
    open("ibkr", "ibkr", "USD");
    byte[] s = sample("ibkr_activity_statement.csv");
    TestServer.Reply first = upload("ibkr", "ibkr_activity_statement.csv", s);
    assertEquals(201, first.status(), first.body().toPrettyString());
    assertEquals("ibkr-activity-statement", first.body().get("format").asText());
    Map<String, String> expected = Map.of("USD", "2052.6049775", "EUR", "1000", "AAPL", "6|1443.6", "BRK.B", "1500|4952.6418225");
    assertEquals(expected, positions("ibkr"));
    TestServer.Reply again = upload("ibkr", "ibkr_activity_statement.csv", s);
    assertEquals(200, again.status(), again.body().toPrettyString());
    assertEquals(10, again.body().get("accounts").get(0).get("duplicates").asInt(), "fingerprints: the same rows, the same ids");
    byte[] damaged = new String(s, StandardCharsets.UTF_8).replace("-0.45", "-0..45").getBytes(StandardCharsets.UTF_8);
    TestServer.Reply bad = upload("ibkr", "damaged.csv", damaged);
    assertEquals(400, bad.status(), bad.body().toPrettyString());
    assertEquals("Amount", bad.body().get("rejected").get(0).get("column").asText());
    assertEquals(expected, positions("ibkr"), "a refused file changes nothing");
  }

  @Test
  void aKrakenLedger() {
    open("kraken", "kraken", "EUR");
    byte[] s = sample("ledgers.csv");
    String newRow = "\"LDEP99-AAAAA-ZZZZZZ\",\"QDEP99-AAAAAA-ZZZZZZ\",\"2024-03-25 10:00:00\",\"deposit\",\"\",\"currency\",\"ZEUR\",\"spot / main\",100.0000,0.0000,3043.7400\n";
    byte[] overlap = (lines(s, "\n", 0) + lines(s, "\n", range(7, 15)) + newRow).getBytes(StandardCharsets.UTF_8);
    byte[] damaged = new String(s, StandardCharsets.UTF_8).replace("-700.0000", "-7OO.0000").getBytes(StandardCharsets.UTF_8);
    importTwiceOverlapAndDamage("kraken", "ledgers.csv", "kraken-ledgers", overlap, 4, damaged,
        Map.of("EUR", "2943.74", "BTC", "0.0199|857.06912", "DOT", "100.5", "SOL", "0.7|100.26"));
    assertEquals("3043.74", positions("kraken").get("EUR"));
  }

  @Test
  void aKrakenTradesFileAfterTheLedgersOfTheSameTradesAddsNothing() {
    open("kraken", "kraken", "EUR");
    assertEquals(201, upload("kraken", "ledgers.csv", sample("ledgers.csv")).status());
    Map<String, String> before = positions("kraken");
    TestServer.Reply trades = upload("kraken", "trades.csv", sample("kraken_trades.csv"));
    assertEquals(200, trades.status(), trades.body().toPrettyString());
    assertEquals("kraken-trades", trades.body().get("format").asText());
    assertEquals(0, trades.body().get("accounts").get(0).get("recorded").asInt(), trades.body().toPrettyString());
    assertEquals(4, trades.body().get("accounts").get(0).get("duplicates").asInt(), "a trade's txid is its ledger rows' refid");
    assertEquals(before, positions("kraken"));
  }

  @Test
  void aCoinbaseHistory() {
    open("coinbase", "coinbase", "USD");
    byte[] s = sample("coinbase_transactions.csv");
    String newRow = "66200000aaaabbbbccccdddd,2024-04-20 10:00:00 UTC,Deposit,USD,100,USD,$1.00,$100.00,$100.00,$0.00,Deposit from bank,,\r\n";
    byte[] overlap = (lines(s, "\r\n", 0, 1, 2, 3) + newRow + lines(s, "\r\n", range(4, 8))).getBytes(StandardCharsets.UTF_8);
    byte[] damaged = new String(s, StandardCharsets.UTF_8).replace("$2929.00", "$29x29.00").getBytes(StandardCharsets.UTF_8);
    importTwiceOverlapAndDamage("coinbase", "coinbase_transactions.csv", "coinbase-transactions", overlap, 4, damaged,
        Map.of("USD", "1663.87", "BTC", "0.02259|1350", "ETH", "0.50123|1468.313615"));
    assertEquals("1763.87", positions("coinbase").get("USD"));
  }

  @Test
  void aBinanceTransactionHistoryStatement() {
    open("binance", "binance", "USD");
    byte[] s = sample("binance_transaction_history.csv");
    String newRow = "12345678,2025-01-11 10:00:00,Spot,Deposit,USDT,10,\n";
    byte[] overlap = (lines(s, "\n", 0) + lines(s, "\n", range(12, 20)) + newRow).getBytes(StandardCharsets.UTF_8);
    byte[] damaged = new String(s, StandardCharsets.UTF_8).replace("Transaction Spend,USDT,-95.5", "Transaction Spend,USDT,-95..5")
        .getBytes(StandardCharsets.UTF_8);
    importTwiceOverlapAndDamage("binance", "binance_transaction_history.csv", "binance-statement", overlap, 4, damaged,
        Map.of("USDT", "682.502", "BTC", "0.0002", "BNB", "0.4454", "SOL", "0.01"));
    assertEquals("692.502", positions("binance").get("USDT"));
  }

  static List<String> names(JsonNode formats) {
    List<String> out = new java.util.ArrayList<>();
    formats.forEach(f -> out.add(f.get("name").asText()));
    return out;
  }

  @Test
  void theFormatsListNamesTheNewFormats() {
    List<String> formats = names(server.get("/api/imports/formats").body());
    assertTrue(formats.containsAll(List.of("ibkr-flex", "ibkr-activity-statement", "kraken-ledgers", "kraken-trades", "coinbase-transactions", "binance-statement")), formats.toString());
  }

  @Test
  void coinsWithdrawnFromOneAccountAndDepositedInAnotherAreATransferCarryingTheirCost() {
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "EUR")).status());
    open("kraken", "kraken", "EUR");
    open("binance", "binance", "EUR");
    server.post("/api/portfolios/main/accounts", Map.of("accountId", "kraken"));
    server.post("/api/portfolios/main/accounts", Map.of("accountId", "binance"));
    assertEquals(201, upload("kraken", "ledgers.csv", sample("ledgers.csv")).status());
    Map<String, String> krakenBefore = positions("kraken");
    // the 0.01 BTC Kraken sent at 18:00 arrives on Binance 70 minutes later; a deposit of another amount is no transfer
    byte[] statement = (String.join(",", List.of("User_ID", "UTC_Time", "Account", "Operation", "Coin", "Change", "Remark")) + "\n"
        + "1,2024-03-20 19:10:00,Spot,Deposit,BTC,0.01,\n"
        + "1,2024-03-21 08:00:00,Spot,Deposit,BTC,0.02,\n").getBytes(StandardCharsets.UTF_8);
    TestServer.Reply reply = upload("binance", "binance.csv", statement);
    assertEquals(201, reply.status(), reply.body().toPrettyString());
    JsonNode transfers = reply.body().get("transfers");
    assertEquals(1, transfers.size(), transfers.toPrettyString());
    JsonNode t = transfers.get(0);
    assertEquals(2, t.get("line").asInt());
    assertEquals("in", t.get("direction").asText());
    assertEquals("kraken", t.get("otherAccount").asText());
    assertEquals(0, new BigDecimal("430.688").compareTo(t.get("carriedCost").decimalValue()), "a third of the 0.03 BTC lot's 1292.064 EUR");
    assertEquals("EUR", t.get("costCurrency").asText());
    assertEquals(Map.of("BTC", "0.03"), positions("binance"), "the unmatched deposit has no known cost, so neither has the position");
    JsonNode rows = server.get("/api/accounts/binance/transactions").body();
    JsonNode first = rows.has("items") ? rows.get("items").get(0) : rows.get(0);
    String text = first.toString();
    assertTrue(text.contains("TRANSFER_IN") && text.contains("transfer:kraken/"), text);
    // the withdrawal recorded on Kraken is now the other leg, under the same transfer id: no flow out of the portfolio
    assertEquals("relabelled", t.get("otherSide").asText(), t.toPrettyString());
    JsonNode out = transaction("kraken", t.get("otherTransaction").asText());
    assertEquals("TRANSFER_OUT", out.get("type").asText(), out.toPrettyString());
    assertEquals(t.get("transferId").asText(), out.get("transferId").asText());
    assertTrue(out.get("note").asText().endsWith("transfer to binance"), out.toPrettyString());
    assertEquals(krakenBefore, positions("kraken"), "relabelling moves no units and no cost");
    TestServer.Reply again = upload("binance", "binance.csv", statement);
    assertEquals(200, again.status(), again.body().toPrettyString());
    assertEquals(0, again.body().get("transfers").size(), "recorded rows are not matched again");
    assertEquals(0, again.body().get("relinked").size(), "nor relabelled again");
  }

  @Test
  void aWithdrawalImportedAfterTheDepositItSentRelabelsTheDepositAndALegLeftUnlinkedIsRelabelledByTheNextImport() {
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "EUR")).status());
    open("kraken", "kraken", "EUR");
    open("binance", "binance", "EUR");
    open("wallet", "esplora", "EUR");
    for (String a : List.of("kraken", "binance", "wallet")) {
      server.post("/api/portfolios/main/accounts", Map.of("accountId", a));
    }
    byte[] deposit = (String.join(",", List.of("User_ID", "UTC_Time", "Account", "Operation", "Coin", "Change", "Remark")) + "\n"
        + "1,2024-03-20 19:10:00,Spot,Deposit,BTC,0.01,\n").getBytes(StandardCharsets.UTF_8);
    assertEquals(201, upload("binance", "binance.csv", deposit).status());
    server.awaitReadSide();
    JsonNode report = upload("kraken", "ledgers.csv", sample("ledgers.csv")).body();
    JsonNode t = report.get("transfers").get(0);
    assertEquals("out", t.get("direction").asText(), report.toPrettyString());
    assertEquals("relabelled", t.get("otherSide").asText());
    JsonNode in = transaction("binance", t.get("otherTransaction").asText());
    assertEquals("TRANSFER_IN", in.get("type").asText(), in.toPrettyString());
    assertEquals(t.get("transferId").asText(), in.get("transferId").asText());

    // a leg recorded by hand, naming a withdrawal of the wallet that still reads as a withdrawal
    TestServer.Reply w = server.post("/api/accounts/wallet/transactions", Map.of("transactions", List.of(
        Map.of("type", "DEPOSIT", "timestamp", "2024-03-01T00:00:00Z", "asset", "BTC", "quantity", new BigDecimal("0.5"), "source", "hand", "externalId", "d1"),
        Map.of("type", "WITHDRAWAL", "timestamp", "2024-03-02T00:00:00Z", "asset", "BTC", "quantity", new BigDecimal("0.1"), "source", "hand", "externalId", "w1"))));
    assertTrue(w.status() == 200 || w.status() == 201, w.body().toPrettyString());
    String withdrawal = w.body().get("transactionIds").get(1).asText();
    TestServer.Reply leg = server.post("/api/accounts/binance/transactions", Map.of("transactions", List.of(Map.of("type", "TRANSFER_IN",
        "timestamp", "2024-03-02T05:00:00Z", "asset", "BTC", "quantity", new BigDecimal("0.1"), "transferId", "transfer:wallet/" + withdrawal,
        "source", "hand", "externalId", "t1"))));
    assertTrue(leg.status() == 200 || leg.status() == 201, leg.body().toPrettyString());
    server.awaitReadSide();
    TestServer.Reply next = upload("binance", "binance.csv", deposit);
    JsonNode relinked = next.body().get("relinked");
    assertEquals(1, relinked.size(), next.body().toPrettyString());
    assertEquals("wallet", relinked.get(0).get("account").asText());
    assertEquals(withdrawal, relinked.get(0).get("transaction").asText());
    assertEquals("relabelled", relinked.get(0).get("outcome").asText());
    assertEquals("TRANSFER_OUT", transaction("wallet", withdrawal).get("type").asText());
  }

  @Test
  void aTradeBetweenTwoCoinsGetsItsRateFromThePriceStoreSoTheGainIsMeasured() {
    open("binance", "binance", "USD");
    // one unit of the price currency in the account currency, as of each trade's day
    assertEquals(201, server.post("/api/prices/USDT/manual", Map.of("date", "2024-03-01", "price", new BigDecimal("0.9995"))).status());
    assertEquals(201, server.post("/api/prices/BTC/manual", Map.of("date", "2024-03-05", "price", new BigDecimal("60000"))).status());
    byte[] deposit = (String.join(",", List.of("User_ID", "UTC_Time", "Account", "Operation", "Coin", "Change", "Remark")) + "\n"
        + "1,2024-02-28 10:00:00,Spot,Deposit,USDT,5000,\n").getBytes(StandardCharsets.UTF_8);
    assertEquals(201, upload("binance", "binance.csv", deposit).status());
    byte[] trades = ("\uFEFFDate(UTC),Pair,Side,Price,Executed,Amount,Fee\r\n"
        + "2024-03-01 10:00:00,BTCUSDT,BUY,50000,0.1BTC,5000USDT,0USDT\r\n"
        + "2024-03-06 09:00:00,ETHBTC,BUY,0.05,1ETH,0.05BTC,0.001ETH\r\n").getBytes(StandardCharsets.UTF_8);

    TestServer.Reply reply = upload("binance", "trades.csv", trades);

    assertEquals(201, reply.status(), reply.body().toPrettyString());
    JsonNode used = reply.body().get("storedRates");
    assertEquals(2, reply.body().get("storedRatesUsed").asInt(), reply.body().toPrettyString());
    assertEquals("USDT/USD", used.get(0).get("pair").asText());
    assertEquals("2024-03-01", used.get(0).get("asOf").asText());
    assertEquals(0, new BigDecimal("0.9995").compareTo(used.get(0).get("rate").decimalValue()));
    assertEquals("BTC/USD", used.get(1).get("pair").asText());
    assertEquals("2024-03-05", used.get(1).get("asOf").asText(), "the latest close on or before the trade's day");
    // the BTC lot cost 5000 USDT = 4997.5 USD; half of it went for the ETH, worth 0.05 x 60000 = 3000 USD
    Map<String, String> positions = positions("binance");
    assertEquals("0.05|2498.75", positions.get("BTC"));
    assertEquals("0.999|3000", positions.get("ETH"));
    JsonNode eth = null;
    for (JsonNode row : server.get("/api/accounts/binance/transactions").body().get("items")) {
      eth = row.get("transaction").get("asset").asText().equals("ETH") ? row.get("transaction") : eth;
    }
    assertEquals(0, new BigDecimal("60000").compareTo(eth.get("fxRate").decimalValue()), eth.toPrettyString());
    assertTrue(eth.get("note").asText().contains("fxRate BTC/USD of 2024-03-05 from the price store"), eth.toPrettyString());

    // past the store's reach (its latest close four days before the trade) the row passes as the file has it, and is refused naming the rate
    byte[] later = ("\uFEFFDate(UTC),Pair,Side,Price,Executed,Amount,Fee\r\n"
        + "2024-03-09 09:00:00,DOTBTC,BUY,0.0001,10DOT,0.001BTC,0BTC\r\n").getBytes(StandardCharsets.UTF_8);
    TestServer.Reply refused = upload("binance", "later.csv", later);
    assertEquals("refused", refused.body().get("outcome").asText(), refused.body().toPrettyString());
    assertEquals(0, refused.body().get("storedRatesUsed").asInt());
    assertTrue(refused.body().get("rejected").get(0).get("reason").asText().contains("fxRate"), refused.body().toPrettyString());
    assertEquals(positions, positions("binance"), "the refused file changes nothing");
  }

  @Test
  void aFileOfMoreRowsThanABatchLandsWholeOrNotAtAll() {
    open("binance", "binance", "USD");
    assertEquals(201, server.post("/api/prices/USDT/manual", Map.of("date", "2024-03-01", "price", new BigDecimal("0.9995"))).status());
    byte[] deposit = (String.join(",", List.of("User_ID", "UTC_Time", "Account", "Operation", "Coin", "Change", "Remark")) + "\n"
        + "1,2024-02-28 10:00:00,Spot,Deposit,USDT,6000,\n").getBytes(StandardCharsets.UTF_8);
    assertEquals(201, upload("binance", "binance.csv", deposit).status());
    Map<String, String> before = positions("binance");
    // more rows than one ledger batch holds, each priced from the store, then one the ledger refuses: its BTC lots cost USD
    // and the store has no BTC rate for the gain
    int rows = dev.ballast.engine.model.InputLimits.MAX_BATCH_ROWS + 5;
    StringBuilder file = new StringBuilder("\uFEFFDate(UTC),Pair,Side,Price,Executed,Amount,Fee\r\n");
    java.time.LocalDateTime at = java.time.LocalDateTime.parse("2024-03-01T00:00:00");
    java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    for (int i = 0; i < rows; i++) {
      file.append(at.plusSeconds(i).format(f)).append(",BTCUSDT,BUY,50000,0.00001BTC,0.5USDT,0USDT\r\n");
    }
    String valid = file.toString();
    file.append("2024-03-09 09:00:00,DOTBTC,BUY,0.0001,10DOT,0.001BTC,0BTC\r\n");

    TestServer.Reply refused = upload("binance", "trades.csv", file.toString().getBytes(StandardCharsets.UTF_8));

    assertEquals("refused", refused.body().get("outcome").asText(), refused.body().toPrettyString());
    JsonNode rejected = refused.body().get("rejected");
    assertEquals(1, rejected.size(), rejected.toPrettyString());
    assertEquals(rows + 2, rejected.get(0).get("line").asInt(), "the line of the file, counted across the batches: " + rejected);
    assertTrue(rejected.get(0).get("reason").asText().contains("fxRate"), rejected.toPrettyString());
    server.awaitReadSide();
    assertEquals(before, positions("binance"), "no batch of the refused file was recorded");
    assertEquals(1, server.get("/api/accounts/binance/transactions").body().get("items").size(), "the deposit only");

    // without the row the ledger refuses, every row lands, in one write
    TestServer.Reply recorded = upload("binance", "trades.csv", valid.getBytes(StandardCharsets.UTF_8));
    assertEquals("recorded", recorded.body().get("outcome").asText(), recorded.body().toPrettyString());
    assertEquals(rows, recorded.body().get("accounts").get(0).get("recorded").asInt(), recorded.body().toPrettyString());
    // 0.00001 BTC a row
    assertEquals(0, new BigDecimal("0.10005").compareTo(new BigDecimal(positions("binance").get("BTC").split("\\|")[0])),
        positions("binance").toString());
  }

  /** One recorded transaction of an account, as the API lists it. */
  JsonNode transaction(String account, String id) {
    server.awaitReadSide();
    JsonNode rows = server.get("/api/accounts/" + account + "/transactions").body();
    for (JsonNode row : rows.get("items")) {
      if (row.get("transactionId").asText().equals(id)) {
        return row.get("transaction");
      }
    }
    throw new AssertionError("no transaction " + id + " in " + rows.toPrettyString());
  }

}
