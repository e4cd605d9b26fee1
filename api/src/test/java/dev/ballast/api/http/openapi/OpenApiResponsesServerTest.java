package dev.ballast.api.http.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.Fixtures;
import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.engine.ops.alerts.AlertType;
import dev.ballast.persistence.ops.AlertStore;
import dev.ballast.persistence.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server answers on its main routes is what openapi.json documents for them: the status is
 * one the operation lists, the content type is the one listed for it, and the body conforms to the
 * schema (a named component or an array of one, not a bare "object"), property by property, with nothing undocumented.
 */
class OpenApiResponsesServerTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static JsonNode document;
  private static SchemaCheck schemas;

  /**
   * One request; {@code bearer} null means the admin API token, "" no token; {@code status} the one
   * it must get (0: any the operation documents).
   */
  private record Call(String method, String template, String path, Object body, String bearer, int status) {
    Call(String method, String template, String path, Object body) {
      this(method, template, path, body, null, 0);
    }

    static Call get(String template, String path) {
      return new Call("GET", template, path, null);
    }

    Call as(String token) {
      return new Call(method, template, path, body, token, status);
    }

    Call expect(int expected) {
      return new Call(method, template, path, body, bearer, expected);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    document = new ObjectMapper().readTree(OpenApiRoutes.load());
    schemas = new SchemaCheck(document);
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), dev.ballast.api.http.imports.ImportRoutesTest.MAPPING
        + "ballast.trading.paper.latency = 0s\n");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** The operation's documented response for the status answered, or a failure naming what is documented. */
  private static JsonNode documented(Call call, int status, List<String> failures) {
    JsonNode operation = document.path("paths").path(call.template()).path(call.method().toLowerCase(Locale.ROOT));
    if (operation.isMissingNode()) {
      failures.add(call.method() + " " + call.template() + ": not in openapi.json");
      return null;
    }
    JsonNode response = operation.path("responses").path(Integer.toString(status));
    if (response.isMissingNode()) {
      List<String> listed = new ArrayList<>();
      operation.path("responses").fieldNames().forEachRemaining(listed::add);
      failures.add(call.method() + " " + call.path() + ": answered " + status + ", documented " + listed);
      return null;
    }
    return response.has("$ref") ? schemas.resolve(response.get("$ref").asText()) : response;
  }

  private static List<String> conform(List<Call> calls, boolean namedSchemas) {
    List<String> failures = new ArrayList<>();
    for (Call call : calls) {
      TestServer.Reply reply = server.request(call.method(), call.path(), call.body(),
          call.bearer() == null ? server.token() : call.bearer().isEmpty() ? null : call.bearer());
      if (call.status() != 0 && reply.status() != call.status()) {
        failures.add(call.method() + " " + call.path() + ": answered " + reply.status() + ", expected " + call.status() + ": " + reply.body());
        continue;
      }
      JsonNode response = documented(call, reply.status(), failures);
      if (response == null) {
        continue;
      }
      String name = call.method() + " " + call.path() + " " + reply.status();
      String mediaType = reply.contentType().split(";")[0].trim();
      JsonNode content = response.path("content").path(mediaType);
      if (content.isMissingNode()) {
        List<String> listed = new ArrayList<>();
        response.path("content").fieldNames().forEachRemaining(listed::add);
        failures.add(name + ": answered " + mediaType + ", documented " + listed);
        continue;
      }
      JsonNode schema = content.path("schema");
      if (namedSchemas && !schema.has("$ref") && !schema.path("items").has("$ref")) {
        failures.add(name + ": the schema is " + schema + ", not a named component");
        continue;
      }
      for (String error : schemas.check(reply.body(), schema)) {
        failures.add(name + " " + error + "   in " + abbreviate(String.valueOf(reply.body())));
      }
    }
    return failures;
  }

  private static String abbreviate(String s) {
    return s.length() > 1500 ? s.substring(0, 1500) + "..." : s;
  }

  @Test
  void theMainRoutesAnswerWhatTheDocumentSays() {
    Instant t0 = Instant.parse("2026-03-02T10:00:00Z");
    List<Call> writes = List.of(
        new Call("POST", "/api/accounts", "/api/accounts",
            Map.of("id", "kraken", "name", "Kraken", "kind", "EXCHANGE", "provider", "kraken", "currency", "USD")),
        new Call("POST", "/api/portfolios", "/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "USD")),
        new Call("POST", "/api/portfolios/{portfolio}/accounts", "/api/portfolios/main/accounts", Map.of("accountId", "kraken")),
        new Call("POST", "/api/accounts/{account}/transactions", "/api/accounts/kraken/transactions", Map.of("transactions", List.of(
            Fixtures.deposit(t0, "d1", "10000", "USD"),
            Fixtures.buy(t0.plusSeconds(60), "b1", "0.1", "BTC", "50000", "USD")))),
        new Call("POST", "/api/prices/{asset}/manual", "/api/prices/BTC/manual", Map.of("date", "2026-03-02", "price", new BigDecimal("60000"))),
        new Call("PUT", "/api/portfolios/{portfolio}/target", "/api/portfolios/main/target", Map.of("kind", "ASSET", "targets", List.of(
            Map.of("key", "BTC", "weightPercent", new BigDecimal("50")), Map.of("key", "USD", "weightPercent", new BigDecimal("50"))))),
        new Call("POST", "/api/users", "/api/users", Map.of("name", "vera", "password", "a long passphrase", "role", "viewer")),
        new Call("POST", "/api/tokens", "/api/tokens", Map.of("name", "scripts")));
    new AlertStore(server.server().database(), Clock.systemUTC()).raise(AlertType.DATA_REFRESH_FAILED, AlertLevel.WARNING, "coingecko", "no answer");
    long alert = server.get("/api/alerts").body().path("alerts").get(0).path("id").asLong();
    List<String> failures = new ArrayList<>(conform(writes, false));
    server.awaitReadSide();
    List<Call> reads = List.of(
        Call.get("/health", "/health"),
        Call.get("/api/auth/me", "/api/auth/me"),
        Call.get("/api/users", "/api/users"),
        Call.get("/api/alerts/{alert}", "/api/alerts/" + alert),
        Call.get("/api/jobs/{job}", "/api/jobs/health-check"),
        Call.get("/api/valuation/accounts/{account}/history", "/api/valuation/accounts/kraken/history?from=2026-03-02&to=2026-03-02"),
        Call.get("/api/tokens", "/api/tokens"),
        Call.get("/api/portfolios", "/api/portfolios"),
        Call.get("/api/portfolios/{portfolio}", "/api/portfolios/main"),
        Call.get("/api/portfolios/{portfolio}/positions", "/api/portfolios/main/positions"),
        Call.get("/api/accounts", "/api/accounts"),
        Call.get("/api/accounts/{account}", "/api/accounts/kraken"),
        Call.get("/api/accounts/{account}/positions", "/api/accounts/kraken/positions"),
        Call.get("/api/accounts/{account}/transactions", "/api/accounts/kraken/transactions?limit=5"),
        Call.get("/api/valuation/portfolios/{portfolio}/snapshot", "/api/valuation/portfolios/main/snapshot"),
        Call.get("/api/valuation/portfolios/{portfolio}/allocation", "/api/valuation/portfolios/main/allocation"),
        Call.get("/api/valuation/portfolios/{portfolio}/history", "/api/valuation/portfolios/main/history?from=2026-03-02&to=2026-03-03"),
        Call.get("/api/prices/{asset}", "/api/prices/BTC?from=2026-03-01&to=2026-03-03"),
        Call.get("/api/kill-switch", "/api/kill-switch"),
        Call.get("/api/alerts", "/api/alerts"),
        Call.get("/api/jobs", "/api/jobs"),
        Call.get("/api/strategies/{portfolio}/orders", "/api/strategies/main/orders"),
        Call.get("/api/shares/{portfolio}", "/api/shares/main"),
        // errors are problems, as documented
        Call.get("/api/portfolios/{portfolio}", "/api/portfolios/nowhere"),
        Call.get("/api/accounts/{account}/transactions", "/api/accounts/kraken/transactions?from=March"));
    failures.addAll(conform(reads, true));
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  @Test
  void theBacktestRoutesAnswerWhatTheDocumentSays() {
    java.util.Map<java.time.LocalDate, BigDecimal> closes = new java.util.TreeMap<>();
    closes.put(java.time.LocalDate.of(2024, 1, 1), new BigDecimal("10"));
    closes.put(java.time.LocalDate.of(2024, 1, 2), new BigDecimal("11"));
    new dev.ballast.persistence.marketdata.PriceStore(server.server().database()).saveManualAll(
        dev.ballast.engine.marketdata.InstrumentId.of("OASX", "USD"), closes, "manual", Instant.parse("2024-02-01T00:00:00Z"));
    Map<String, Object> start = Map.of("strategy", "threshold", "from", "2024-01-01", "to", "2024-01-02", "initial", "1000",
        "currency", "USD", "params", Map.of("weight.OASX", "100", "lot", "1", "schedule", "daily"));
    List<String> failures = new ArrayList<>(conform(List.of(new Call("POST", "/api/backtests", "/api/backtests", start)), true));
    String run = server.get("/api/backtests").body().path("runs").get(0).path("run").asText();
    dev.ballast.persistence.testing.Eventually.await(java.time.Duration.ofSeconds(30),
        () -> "DONE".equals(server.get("/api/backtests/" + run).body().path("status").asText()),
        () -> server.get("/api/backtests/" + run).body().toString());
    failures.addAll(conform(List.of(
        Call.get("/api/backtests", "/api/backtests"),
        Call.get("/api/backtests/{run}", "/api/backtests/" + run),
        Call.get("/api/backtests/compare", "/api/backtests/compare?runs=" + run)), true));
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  @Test
  void theAuthRoutesAnswerWhatTheDocumentSays() {
    List<String> failures = new ArrayList<>();
    failures.addAll(conform(List.of(
        new Call("POST", "/api/users", "/api/users", Map.of("name", "otto", "password", "another long passphrase", "role", "trader")),
        new Call("POST", "/api/portfolios", "/api/portfolios", Map.of("id", "otto-p", "name", "Otto's", "baseCurrency", "JPY"))), true));
    TestServer.Reply login = server.request("POST", "/api/auth/login", Map.of("name", "otto", "password", "another long passphrase"), null);
    failures.addAll(conform(List.of(new Call("POST", "/api/auth/login", "/api/auth/login",
        Map.of("name", "otto", "password", "another long passphrase")).as("").expect(200)), true));
    String access = login.body().path("accessToken").asText();
    String refresh = login.body().path("refreshToken").asText();
    TestServer.Reply made = server.request("POST", "/api/tokens", Map.of("name", "first"), access);
    failures.addAll(conform(List.of(
        new Call("POST", "/api/auth/refresh", "/api/auth/refresh", Map.of("refreshToken", refresh)).as("").expect(200),
        new Call("POST", "/api/auth/logout", "/api/auth/logout", Map.of("refreshToken", "blr_unknown")).as("").expect(200),
        new Call("POST", "/api/tokens", "/api/tokens", Map.of("name", "scripts")).as(access).expect(201),
        new Call("DELETE", "/api/tokens/{token}", "/api/tokens/" + made.body().path("id").asText(), null).expect(200),
        Call.get("/api/auth/events", "/api/auth/events?limit=20").expect(200),
        new Call("PUT", "/api/shares/{portfolio}/{user}", "/api/shares/otto-p/otto", Map.of("access", "OWNER")).expect(200),
        new Call("DELETE", "/api/shares/{portfolio}/{user}", "/api/shares/otto-p/otto", null).expect(200),
        new Call("PUT", "/api/users/{user}/password", "/api/users/otto/password", Map.of("password", "a third long passphrase")).expect(200),
        new Call("PUT", "/api/users/{user}/role", "/api/users/otto/role", Map.of("role", "viewer")).expect(200),
        new Call("DELETE", "/api/users/{user}", "/api/users/otto", null).expect(200),
        new Call("POST", "/api/auth/bootstrap", "/api/auth/bootstrap", Map.of("name", "late", "password", "a long passphrase")).expect(409),
        Call.get("/api/openapi.json", "/api/openapi.json").expect(200)), true));
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  @Test
  void theAccountAndImportRoutesAnswerWhatTheDocumentSays() {
    String file = dev.ballast.api.http.imports.ImportRoutesTest.FILE;
    List<String> failures = new ArrayList<>(conform(List.of(
        new Call("POST", "/api/accounts", "/api/accounts", Map.of("id", "broker", "name", "Broker", "kind", "BROKER", "provider", "mybroker",
            "currency", "JPY", "taxWrapper", "TAXABLE")),
        new Call("POST", "/api/portfolios", "/api/portfolios", Map.of("id", "family", "name", "Family", "baseCurrency", "JPY")),
        new Call("POST", "/api/portfolios/{portfolio}/accounts", "/api/portfolios/family/accounts", Map.of("accountId", "broker")),
        new Call("POST", "/api/accounts/{account}/imports", "/api/accounts/broker/imports?dryRun=true&file=export.csv", file).expect(200),
        new Call("POST", "/api/accounts/{account}/imports", "/api/accounts/broker/imports?file=export.csv", file).expect(201),
        new Call("POST", "/api/accounts/{account}/imports", "/api/accounts/broker/imports?file=bad.csv",
            dev.ballast.api.http.imports.ImportRoutesTest.HEADER + "2026/01/05 09:00,Teleport,JPY,1,,JPY,,,,Taxable\r\n").expect(400),
        new Call("POST", "/api/accounts/{account}/balances", "/api/accounts/broker/balances",
            Map.of("source", "statement", "asOf", "2026-04-01T00:00:00Z", "balances", Map.of("BTC", new BigDecimal("0.02"), "JPY", new BigDecimal("5")))).expect(200),
        Call.get("/api/accounts/{account}/reconciliation", "/api/accounts/broker/reconciliation").expect(200),
        Call.get("/api/imports/formats", "/api/imports/formats").expect(200),
        new Call("POST", "/api/assets", "/api/assets", Map.of("id", "OASY", "name", "Oasis", "assetClass", "EQUITY", "quoteCurrency", "USD",
            "identifiers", Map.of("yahoo", "OASY"))).expect(201),
        Call.get("/api/assets", "/api/assets").expect(200),
        new Call("DELETE", "/api/portfolios/{portfolio}/accounts/{account}", "/api/portfolios/family/accounts/broker", null).expect(200)), true));
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  @Test
  void thePriceRoutesAnswerWhatTheDocumentSays() {
    List<String> failures = new ArrayList<>(conform(List.of(
        new Call("POST", "/api/assets", "/api/assets", Map.of("id", "OASZ", "name", "Oasis Z", "assetClass", "EQUITY", "quoteCurrency", "USD")).expect(201),
        new Call("PUT", "/api/prices/{asset}/sources", "/api/prices/OASZ/sources", Map.of("sources", Map.of("yahoo", "OASZ"))).expect(200),
        new Call("POST", "/api/prices/{asset}/manual/batch", "/api/prices/OASZ/manual/batch", Map.of("source", "file.csv", "prices", List.of(
            Map.of("date", "2026-03-02", "price", new BigDecimal("12.5")), Map.of("date", "2026-03-03", "price", new BigDecimal("12.75"))))).expect(201),
        new Call("POST", "/api/prices/{asset}/manual/batch", "/api/prices/OASZ/manual/batch", Map.of("prices", List.of())).expect(400),
        Call.get("/api/prices/status", "/api/prices/status").expect(200),
        Call.get("/api/prices/sync/progress", "/api/prices/sync/progress").expect(200),
        Call.get("/api/prices/actions", "/api/prices/actions").expect(200),
        new Call("POST", "/api/prices/splits/apply", "/api/prices/splits/apply", null).expect(200),
        Call.get("/api/prices/dividends/{account}", "/api/prices/dividends/kraken").expect(200),
        new Call("POST", "/api/prices/dividends/{account}/confirm", "/api/prices/dividends/kraken/confirm", Map.of("asset", "OASZ")).expect(400),
        Call.get("/api/prices/{asset}/market-caps", "/api/prices/BTC/market-caps?from=2026-01-01&to=2026-01-31").expect(200),
        Call.get("/api/prices/market", "/api/prices/market").expect(404)), true));
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  @Test
  void theTradingAndAuditRoutesAnswerWhatTheDocumentSays() {
    Map<String, Object> strategy = new java.util.LinkedHashMap<>();
    strategy.put("mode", "PAPER");
    strategy.put("absoluteBandPercent", 5);
    strategy.put("minTradeValue", Map.of("amount", 1000, "currency", "JPY"));
    strategy.put("feeEstimateBps", 10);
    strategy.put("rules", List.of(Map.of("asset", "BTC", "account", "paper", "instrument", "BTC/JPY", "lotStep", 0.0001)));
    strategy.put("risk", Map.of("maxOrderValue", Map.of("amount", 1000000, "currency", "JPY"),
        "maxDailyTurnover", Map.of("amount", 5000000, "currency", "JPY"), "priceBandBps", 100, "maxPriceAge", "PT60S"));
    List<String> failures = new ArrayList<>(conform(List.of(
        new Call("POST", "/api/accounts", "/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper",
            "currency", "JPY")).expect(201),
        new Call("POST", "/api/accounts/{account}/transactions", "/api/accounts/paper/transactions", Map.of("transactions", List.of(
            Map.of("type", "DEPOSIT", "timestamp", "2026-01-05T00:00:00Z", "asset", "JPY", "quantity", 1000000, "source", "test", "externalId", "d1"),
            Map.of("type", "BUY", "timestamp", "2026-01-06T00:00:00Z", "asset", "BTC", "quantity", 0.06,
                "price", Map.of("value", 10000000, "currency", "JPY"), "source", "test", "externalId", "b1")))).expect(201),
        new Call("POST", "/api/portfolios", "/api/portfolios", Map.of("id", "trading", "name", "Trading", "baseCurrency", "JPY")).expect(201),
        new Call("POST", "/api/portfolios/{portfolio}/accounts", "/api/portfolios/trading/accounts", Map.of("accountId", "paper")).expect(200),
        new Call("PUT", "/api/portfolios/{portfolio}/target", "/api/portfolios/trading/target", Map.of("kind", "ASSET", "targets",
            List.of(Map.of("key", "BTC", "weightPercent", 50), Map.of("key", "JPY", "weightPercent", 50)))).expect(200),
        new Call("PUT", "/api/strategies/{portfolio}", "/api/strategies/trading", strategy).expect(200),
        Call.get("/api/strategies/{portfolio}", "/api/strategies/trading").expect(200)), true));
    dev.ballast.engine.marketdata.InstrumentId btc = dev.ballast.engine.marketdata.InstrumentId.of("BTC", "JPY");
    dev.ballast.engine.model.Price price = dev.ballast.engine.model.Price.of("15000000", "JPY");
    server.server().trading().onQuote(new dev.ballast.engine.marketdata.Quote(btc, price, price, price, Instant.now()));
    failures.addAll(conform(List.of(new Call("POST", "/api/strategies/{portfolio}/check", "/api/strategies/trading/check", Map.of()).expect(200)), true));
    dev.ballast.persistence.testing.Eventually.await(java.time.Duration.ofSeconds(30),
        () -> server.get("/api/orders/paper").body().path("orders").size() == 1, () -> server.get("/api/orders/paper").body().toString());
    failures.addAll(conform(List.of(
        Call.get("/api/orders/{account}", "/api/orders/paper").expect(200),
        Call.get("/api/strategies/{portfolio}", "/api/strategies/trading").expect(200),
        new Call("POST", "/api/kill-switch/engage", "/api/kill-switch/engage", Map.of("by", "test", "reason", "schema check")).expect(200),
        new Call("POST", "/api/kill-switch/reset", "/api/kill-switch/reset", Map.of("by", "test")).expect(200),
        Call.get("/api/audit/log/{entity}", "/api/audit/log/account:paper").expect(200),
        Call.get("/api/audit/state/{entity}", "/api/audit/state/account:paper").expect(200),
        Call.get("/api/audit/state/{entity}", "/api/audit/state/account:paper?at=2026-01-05T12:00:00Z").expect(200),
        Call.get("/api/audit/verify", "/api/audit/verify"),
        new Call("POST", "/api/accounts", "/api/accounts", Map.of("id", "planned", "name", "Planned", "kind", "BROKER", "provider", "ibkr",
            "currency", "USD")).expect(201),
        new Call("POST", "/api/accounts/{account}/transactions", "/api/accounts/planned/transactions", Map.of("transactions", List.of(
            Fixtures.deposit(Instant.parse("2026-01-05T00:00:00Z"), "d1", "10000", "USD"),
            Fixtures.buy(Instant.parse("2026-01-06T00:00:00Z"), "b1", "0.1", "BTC", "50000", "USD")))).expect(201),
        new Call("POST", "/api/portfolios", "/api/portfolios", Map.of("id", "planned", "name", "Planned", "baseCurrency", "USD")).expect(201),
        new Call("POST", "/api/portfolios/{portfolio}/accounts", "/api/portfolios/planned/accounts", Map.of("accountId", "planned")).expect(200),
        new Call("PUT", "/api/portfolios/{portfolio}/target", "/api/portfolios/planned/target", Map.of("kind", "ASSET", "targets",
            List.of(Map.of("key", "BTC", "weightPercent", 20), Map.of("key", "USD", "weightPercent", 80)))).expect(200),
        new Call("POST", "/api/prices/{asset}/manual", "/api/prices/BTC/manual",
            Map.of("date", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), "price", new BigDecimal("60000"))).expect(201),
        new Call("POST", "/api/prices/{asset}/manual/batch", "/api/prices/BTC/manual/batch", Map.of("prices", List.of(
            Map.of("date", "2026-01-05", "price", new BigDecimal("50000")), Map.of("date", "2026-01-08", "price", new BigDecimal("52000")),
            Map.of("date", "2026-01-09", "price", new BigDecimal("49000"))))).expect(201)), true));
    server.awaitReadSide();
    failures.addAll(conform(List.of(
        Call.get("/api/portfolios/{portfolio}/plan", "/api/portfolios/planned/plan").expect(200),
        Call.get("/api/valuation/portfolios/{portfolio}/metrics", "/api/valuation/portfolios/planned/metrics?from=2026-01-06&to=2026-01-12").expect(200)), true));
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  @Test
  void theOperationsRoutesAnswerWhatTheDocumentSays() {
    Instant t0 = Instant.parse("2026-02-02T10:00:00Z");
    List<String> failures = new ArrayList<>(conform(List.of(
        new Call("POST", "/api/accounts", "/api/accounts", Map.of("id", "wallet", "name", "Wallet", "kind", "WALLET", "provider", "esplora",
            "currency", "JPY")).expect(201),
        new Call("POST", "/api/accounts", "/api/accounts", Map.of("id", "reporting", "name", "Reporting", "kind", "EXCHANGE", "provider", "bitflyer",
            "currency", "JPY")).expect(201),
        new Call("POST", "/api/accounts/{account}/transactions", "/api/accounts/reporting/transactions", Map.of("transactions", List.of(
            Fixtures.deposit(t0, "d1", "1000000", "JPY"),
            Fixtures.buy(t0.plusSeconds(60), "b1", "0.01", "BTC", "10000000", "JPY"),
            Fixtures.sell(t0.plusSeconds(3600), "s1", "0.005", "BTC", "12000000", "JPY")))).expect(201),
        new Call("POST", "/api/portfolios", "/api/portfolios", Map.of("id", "reports", "name", "Reports", "baseCurrency", "JPY")).expect(201),
        new Call("POST", "/api/portfolios/{portfolio}/accounts", "/api/portfolios/reports/accounts", Map.of("accountId", "reporting")).expect(200),
        // secrets and sync (loopback only: the wallet's Esplora address refuses connections)
        new Call("PUT", "/api/secrets/{account}", "/api/secrets/wallet", Map.of("apiKey", "key-0123456789", "apiSecret", "secret-0123456789")).expect(201),
        new Call("PUT", "/api/secrets/{account}", "/api/secrets/wallet", Map.of("apiKey", "key-9876543210")).expect(200),
        Call.get("/api/secrets", "/api/secrets").expect(200),
        Call.get("/api/secrets/events", "/api/secrets/events").expect(200),
        new Call("POST", "/api/secrets/rotate-master", "/api/secrets/rotate-master", null),
        new Call("DELETE", "/api/secrets/{account}", "/api/secrets/wallet", null).expect(200),
        Call.get("/api/sync/{account}", "/api/sync/wallet").expect(200),
        new Call("PUT", "/api/sync/{account}", "/api/sync/wallet", Map.of("kind", "esplora", "settings", Map.of("baseUrl", "http://127.0.0.1:9/"))).expect(200),
        Call.get("/api/sync", "/api/sync").expect(200),
        new Call("POST", "/api/sync/{account}", "/api/sync/wallet", null).expect(202),
        new Call("DELETE", "/api/sync/{account}", "/api/sync/wallet", null).expect(200),
        // notes
        new Call("POST", "/api/annotations/orders/{order}", "/api/annotations/orders/bl-1", Map.of("phase", "pre", "answers", Map.of("thesis", "back to the target"),
            "key", "n1")).expect(201),
        new Call("POST", "/api/annotations/orders/{order}", "/api/annotations/orders/bl-1", Map.of("phase", "pre", "answers", Map.of("thesis", "back to the target"),
            "key", "n1")).expect(200),
        Call.get("/api/annotations/orders/{order}", "/api/annotations/orders/bl-1").expect(200),
        new Call("POST", "/api/annotations/trades/{account}/{transaction}", "/api/annotations/trades/reporting/b1",
            Map.of("phase", "post", "answers", Map.of("outcome", "as planned"))).expect(201),
        Call.get("/api/annotations/trades/{account}/{transaction}", "/api/annotations/trades/reporting/b1").expect(200),
        // jobs
        new Call("POST", "/api/jobs/{job}/pause", "/api/jobs/health-check/pause", null).expect(200),
        new Call("POST", "/api/jobs/{job}/resume", "/api/jobs/health-check/resume", null).expect(200),
        new Call("PUT", "/api/jobs/{job}/schedule", "/api/jobs/health-check/schedule", Map.of("schedule", "every:1h")).expect(200),
        new Call("POST", "/api/jobs/{job}/run", "/api/jobs/health-check/run", null).expect(202),
        // alert subscriptions
        new Call("PUT", "/api/alerts/subscriptions/{name}", "/api/alerts/subscriptions/hook", Map.of("channel", "webhook",
            "url", "http://127.0.0.1:9/hook", "secret", "0123456789abcdef0123", "minLevel", "critical")).expect(201),
        Call.get("/api/alerts/subscriptions", "/api/alerts/subscriptions").expect(200),
        Call.get("/api/alerts/subscriptions/{name}", "/api/alerts/subscriptions/hook").expect(200),
        new Call("DELETE", "/api/alerts/subscriptions/{name}", "/api/alerts/subscriptions/hook", null).expect(200)), true));
    new AlertStore(server.server().database(), Clock.systemUTC()).raise(AlertType.DATA_REFRESH_FAILED, AlertLevel.WARNING, "yahoo", "no answer");
    long alert = server.get("/api/alerts?limit=1").body().path("alerts").get(0).path("id").asLong();
    server.awaitReadSide();
    failures.addAll(conform(List.of(
        new Call("POST", "/api/alerts/{alert}/read", "/api/alerts/" + alert + "/read", null).expect(200),
        new Call("POST", "/api/alerts/{alert}/ack", "/api/alerts/" + alert + "/ack?by=tester", null).expect(200),
        Call.get("/api/alerts/{alert}/deliveries", "/api/alerts/" + alert + "/deliveries").expect(200),
        Call.get("/api/reports/realized", "/api/reports/realized?account=reporting&year=2026").expect(200),
        Call.get("/api/reports/slippage", "/api/reports/slippage?account=reporting&from=2026-01-01&to=2026-12-31").expect(200),
        Call.get("/api/accounts/{account}/metrics", "/api/accounts/reporting/metrics?price=BTC:11000000").expect(200),
        Call.get("/api/accounts/{account}/metrics", "/api/accounts/reporting/metrics?method=lifo").expect(400),
        Call.get("/health/ready", "/health/ready"),
        Call.get("/api/system/logs", "/api/system/logs?limit=5"),
        Call.get("/api/regime/status", "/api/regime/status").expect(200),
        Call.get("/api/feeds", "/api/feeds").expect(200)), true));
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  @Test
  void everyReferenceInTheDocumentResolves() {
    assertEquals(List.of(), schemas.unresolvedReferences());
  }

  @Test
  void theCheckFailsOnAMissingFieldAWrongTypeAndAnUndocumentedOne() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode problem = json.readTree("{\"$ref\":\"#/components/schemas/Problem\"}");
    assertEquals(List.of(), schemas.check(json.readTree("{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404}"), problem));
    List<String> errors = schemas.check(json.readTree("{\"title\":\"Not found\",\"status\":\"404\",\"trace\":\"at x.y\"}"), problem);
    assertTrue(errors.stream().anyMatch(e -> e.contains("$.status") && e.contains("expected an integer")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.contains("$.trace: not in the schema")), errors.toString());
    JsonNode required = json.readTree("{\"type\":\"object\",\"required\":[\"id\"],\"properties\":{\"id\":{\"type\":\"string\"}}}");
    assertEquals(List.of("$: required property id is missing"), schemas.check(json.readTree("{}"), required));
    assertEquals(List.of("$.id: null, the schema does not allow null"), schemas.check(json.readTree("{\"id\":null}"), required));
  }
}
