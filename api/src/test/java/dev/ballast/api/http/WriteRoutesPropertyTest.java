package dev.ballast.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Throws extreme values and random JSON at every write route of a real server on loopback, then
 * checks that nothing accepted poisoned the system: every refusal is a 4xx problem+json naming a
 * field (never a 500), every accepted thing reads back through the journal ({@code /api/audit/log}),
 * the read side lists it, and {@code /api/audit/verify} is clean.
 */
class WriteRoutesPropertyTest {
  private static final ObjectMapper JSON = TestServer.json();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ACCOUNT = "prop";
  private static final String PORTFOLIO = "prop-p";

  private static Path dir;
  private static TestServer server;
  private static final Set<String> accounts = ConcurrentHashMap.newKeySet();
  private static final Set<String> portfolios = ConcurrentHashMap.newKeySet();
  private static final Set<String> assets = ConcurrentHashMap.newKeySet();
  private static final AtomicLong recorded = new AtomicLong();

  /** One HTTP answer, its body as text. */
  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("ballast-prop");
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "");
    assertEquals(201, send("POST", "/api/accounts", "{\"id\": \"" + ACCOUNT + "\", \"name\": \"Prop\", \"kind\": \"EXCHANGE\","
        + " \"currency\": \"JPY\"}", "application/json").status());
    assertEquals(201, send("POST", "/api/portfolios", "{\"id\": \"" + PORTFOLIO + "\", \"name\": \"P\", \"baseCurrency\": \"JPY\"}",
        "application/json").status());
    accounts.add(ACCOUNT);
    portfolios.add(PORTFOLIO);
  }

  @AfterContainer
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  // ---- the properties, one per write route --------------------------------------------------

  @Property(tries = 20)
  void openingAccounts(@ForAll("accountBodies") String body) {
    Reply reply = check(send("POST", "/api/accounts", body, "application/json"));
    if (reply.status() == 201) {
      accounts.add(reply.json().path("id").asText());
    }
  }

  @Property(tries = 30)
  void recordingTransactions(@ForAll("batches") String body) {
    Reply reply = check(send("POST", "/api/accounts/" + ACCOUNT + "/transactions", body, "application/json"));
    if (reply.status() == 201) {
      recorded.addAndGet(reply.json().path("transactionIds").size());
    }
  }

  @Property(tries = 10)
  void reportingBalances(@ForAll("balanceBodies") String body) {
    check(send("POST", "/api/accounts/" + ACCOUNT + "/balances", body, "application/json"));
  }

  @Property(tries = 10)
  void creatingPortfolios(@ForAll("portfolioBodies") String body) {
    Reply reply = check(send("POST", "/api/portfolios", body, "application/json"));
    if (reply.status() == 201) {
      portfolios.add(reply.json().path("id").asText());
    }
  }

  @Property(tries = 8)
  void attachingAccounts(@ForAll("attachBodies") String body) {
    check(send("POST", "/api/portfolios/" + PORTFOLIO + "/accounts", body, "application/json"));
  }

  @Property(tries = 10)
  void settingTargets(@ForAll("targetBodies") String body) {
    check(send("PUT", "/api/portfolios/" + PORTFOLIO + "/target", body, "application/json"));
  }

  @Property(tries = 10)
  void registeringAssets(@ForAll("assetBodies") String body) {
    Reply reply = check(send("POST", "/api/assets", body, "application/json"));
    if (reply.status() == 201) {
      assets.add(reply.json().path("id").asText());
    }
  }

  @Property(tries = 20)
  void randomJsonAndOtherMediaTypesAtEveryWriteRoute(
      @ForAll("writeRoutes") String route, @ForAll("anyJson") String body, @ForAll("mediaTypes") String mediaType) {
    String[] parts = route.split(" ", 2);
    Reply reply = check(send(parts[0], parts[1], body, mediaType));
    if (body.isEmpty()) {
      assertEquals(400, reply.status(), "an empty body is the body's fault, whatever its type: " + reply);
    } else if (!mediaType.equals("application/json")) {
      assertEquals(415, reply.status(), reply.toString());
    }
  }

  /** After each property: everything accepted reads back, is listed, and the audit is clean. */
  @AfterProperty
  void nothingWasPoisoned() {
    for (String account : accounts) {
      assertEquals(200, send("GET", "/api/audit/log/account:" + account, null, null).status(), "journal of " + account);
    }
    for (String portfolio : portfolios) {
      assertEquals(200, send("GET", "/api/audit/log/portfolio:" + portfolio, null, null).status(), "journal of " + portfolio);
    }
    assertEquals(200, send("GET", "/api/audit/state/account:" + ACCOUNT, null, null).status());
    // the exact condition the lists depend on: every slice has committed the journal's last event
    server.awaitReadSide();
    for (String account : accounts) {
      assertEquals(200, send("GET", "/api/accounts/" + account, null, null).status(), "listed: " + account);
    }
    for (String portfolio : portfolios) {
      assertEquals(200, send("GET", "/api/portfolios/" + portfolio, null, null).status(), "listed: " + portfolio);
    }
    Reply transactions = send("GET", "/api/accounts/" + ACCOUNT + "/transactions?limit=1000", null, null);
    assertEquals(200, transactions.status(), transactions.toString());
    assertEquals(recorded.get(), transactions.json().path("total").asLong(), transactions.toString());
    JsonNode listed = send("GET", "/api/assets", null, null).json();
    for (String asset : assets) {
      boolean found = false;
      for (JsonNode a : listed) {
        found |= a.path("id").asText().equals(asset);
      }
      assertTrue(found, asset + " is listed");
    }
    Reply verify = send("GET", "/api/audit/verify", null, null);
    assertEquals(200, verify.status(), verify.body());
    assertTrue(verify.json().path("mismatches").isEmpty(), verify.body());
  }

  // ---- what the server must answer ----------------------------------------------------------

  private static Reply check(Reply reply) {
    net.jqwik.api.statistics.Statistics.collect(reply.status());
    assertTrue(reply.status() < 500, "never a server failure: " + reply);
    if (reply.status() >= 400) {
      assertEquals("application/problem+json", reply.contentType(), reply.toString());
      JsonNode problem = reply.json();
      assertEquals(reply.status(), problem.path("status").asInt(), reply.toString());
      if (reply.status() == 400 || reply.status() == 415) {
        JsonNode errors = problem.path("errors");
        assertTrue(errors.isArray() && !errors.isEmpty(), "a refusal names the field: " + reply);
        errors.forEach(e -> assertFalse(e.path("field").asText().isBlank(), reply.toString()));
      } else {
        assertFalse(problem.path("detail").asText().isBlank(), reply.toString());
      }
      for (String internal : new String[] {"com.fasterxml", "java.lang", "java.util", "dev.ballast", "Exception", "jackson", "Cannot deserialize"}) {
        assertFalse(reply.body().contains(internal), "the problem names an internal (" + internal + "): " + reply);
      }
    }
    return reply;
  }

  private static Reply send(String method, String path, String body, String mediaType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().port() + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + server.token());
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", mediaType);
    }
    try {
      HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- bodies: a valid object, often with one or two fields swapped for an extreme ---------------

  /** A JSON text: an ASCII-only literal, with every other character escaped (so lone surrogates get through as sent). */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** One field: the JSON values it may validly take, and the extremes thrown at it. */
  record Field(String name, Arbitrary<String> valid, Arbitrary<String> extreme) {}

  static Field field(String name, Arbitrary<String> valid, Arbitrary<String> extreme) {
    return new Field(name, valid, extreme);
  }

  /**
   * An object of these fields: each valid, then none (half the time), one or two replaced by an
   * extreme or left out. A null valid value leaves the field out.
   */
  static Arbitrary<String> body(Field... fields) {
    List<Arbitrary<String>> valid = Stream.of(fields).map(Field::valid).toList();
    List<Arbitrary<String>> extreme = Stream.of(fields).map(f -> Arbitraries.oneOf(f.extreme(), Arbitraries.just("<absent>"))).toList();
    Arbitrary<List<Integer>> swaps = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.just(List.<Integer>of())),
        net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, fields.length - 1).list().ofMinSize(1).ofMaxSize(2)));
    return Combinators.combine(Combinators.combine(valid).as(l -> l), Combinators.combine(extreme).as(l -> l), swaps)
        .as((values, extremes, swapped) -> {
          Map<String, String> out = new LinkedHashMap<>();
          for (int i = 0; i < fields.length; i++) {
            String v = swapped.contains(i) ? extremes.get(i) : values.get(i);
            if (v != null && !v.equals("<absent>")) {
              out.put(fields[i].name(), v);
            }
          }
          return object(out);
        });
  }

  /** A JSON object of the fields given. */
  static String object(Map<String, String> fields) {
    List<String> parts = new ArrayList<>();
    fields.forEach((k, v) -> parts.add(quote(k) + ": " + v));
    return "{" + String.join(", ", parts) + "}";
  }

  static Arbitrary<String> quoted(String... texts) {
    return Arbitraries.of(texts).map(WriteRoutesPropertyTest::quote);
  }

  /** Texts beyond every field's limits, and JSON that is not text at all. */
  static Arbitrary<String> extremeText() {
    return Arbitraries.oneOf(
        quoted("x\u001fy", "s".repeat(60_000), "e".repeat(201), "p".repeat(101), "n".repeat(1001), "", " ", " padded", "a\u0000b",
            "lone \ud800", "\u202eevil", "line\nbreak", "tab\there"),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(300).map(WriteRoutesPropertyTest::quote),
        Arbitraries.of("1", "true", "[]", "{}", "null"));
  }

  /** Numbers beyond the limits, and JSON that is not a number. */
  static Arbitrary<String> extremeNumber() {
    return Arbitraries.of("1e1000", "1e-1000", "9".repeat(999), "0." + "1".repeat(500), "1e22", "1e-19", "1.0000000000000000000",
        "-1", "0", "\"1\"", "true", "{}", "9".repeat(120));
  }

  /** Numbers at the edge of the limits, still valid. */
  static Arbitrary<String> edgeNumber(String... plain) {
    return Arbitraries.oneOf(Arbitraries.of(plain),
        Arbitraries.of("9999999999999999999999.999999999999999999", "0.000000000000000001", "1e21", "1E-18"));
  }

  static Arbitrary<String> extremeInstant() {
    return Arbitraries.of("123", "\"2025-01-01\"", "\"1899-12-31T00:00:00Z\"", "\"+100000-01-01T00:00:00Z\"", "\"2999-01-01T00:00:00Z\"",
        "\"\"", "\"2025-01-01T00:00:00Z \"");
  }

  static Arbitrary<String> instant() {
    return Arbitraries.integers().between(1, 300)
        .map(d -> quote(java.time.Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofDays(d)).plusNanos(d * 1001L).toString()));
  }

  static Arbitrary<String> enumExtremes(String name) {
    return Arbitraries.of("\"" + name.toLowerCase() + "\"", "\"" + name + " \"", "1", "\"\"", "null");
  }

  static Arbitrary<String> lowerId(String prefix) {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(4).ofMaxLength(12).map(s -> quote(prefix + s));
  }

  @Provide
  Arbitrary<String> accountBodies() {
    return body(
        field("id", lowerId("acc-"), Arbitraries.oneOf(extremeText(), quoted("UPPER", "a".repeat(65)))),
        field("name", quoted("Binance", "楽天 NISA 🚀", "n".repeat(200)), extremeText()),
        field("kind", quoted("EXCHANGE", "WALLET", "BROKER"), enumExtremes("EXCHANGE")),
        field("provider", Arbitraries.oneOf(quoted("binance", "p".repeat(100)), Arbitraries.just(null)), extremeText()),
        field("currency", quoted("JPY", "USD"), Arbitraries.of("\"USDT\"", "\"jpy \"", "1", "\"\"", "\"J\\u001fPY\"")),
        field("taxWrapper", Arbitraries.oneOf(quoted("NISA", "TAXABLE"), Arbitraries.just(null)), enumExtremes("NISA")),
        field("allowShort", Arbitraries.of("true", "false"), Arbitraries.of("\"yes\"", "1", "null")));
  }

  @Provide
  Arbitrary<String> batches() {
    Arbitrary<String> jpy = Arbitraries.of("\"JPY\"");
    Arbitrary<String> money = body(field("amount", edgeNumber("150", "0.5"), extremeNumber()),
        field("currency", jpy, Arbitraries.of("\"jpy \"", "\"NOPE\"", "1", "null")));
    Arbitrary<String> price = body(field("value", Arbitraries.of("5000000", "15000000.5"), extremeNumber()),
        field("currency", jpy, Arbitraries.of("\"BTC\"", "1", "null")));
    Arbitrary<String> deposit = body(
        field("type", quoted("DEPOSIT"), enumExtremes("DEPOSIT")),
        field("timestamp", instant(), extremeInstant()),
        field("asset", jpy, Arbitraries.of("\"NOPE\"", "\"\"", "1")),
        field("quantity", edgeNumber("1000000", "0.5"), extremeNumber()),
        field("source", quoted("prop-src", "s".repeat(100)), extremeText()),
        field("externalId", Arbitraries.oneOf(lowerId("d-"), Arbitraries.strings().withCharRange('a', 'z').ofLength(200).map(WriteRoutesPropertyTest::quote)),
            extremeText()),
        field("note", Arbitraries.oneOf(quoted("a note", "メモ", "n".repeat(1000)), Arbitraries.just(null)), extremeText()),
        field("fee", Arbitraries.oneOf(money, Arbitraries.just(null)), Arbitraries.of("1", "\"150\"", "[]")));
    Arbitrary<String> buy = body(
        field("type", quoted("BUY"), enumExtremes("BUY")),
        field("timestamp", instant(), extremeInstant()),
        field("asset", Arbitraries.of("\"BTC\""), Arbitraries.of("\"btc \"", "\"JPY\"")),
        field("quantity", Arbitraries.of("0.01", "0.5", "0.000000000000000001"), extremeNumber()),
        field("price", price, Arbitraries.of("null", "5000000", "{}")),
        field("fee", Arbitraries.oneOf(money, Arbitraries.just(null)), Arbitraries.of("1", "[]")),
        field("fxRate", Arbitraries.of("1", "1.0"), extremeNumber()),
        field("source", quoted("prop-src"), extremeText()),
        field("externalId", lowerId("b-"), extremeText()));
    return Arbitraries.oneOf(deposit, deposit, buy).list().ofMinSize(1).ofMaxSize(3)
        .map(rows -> {
          if (rows.size() == 3) {
            // row 1's record again with other content: refused at the entry, naming both rows
            rows.set(2, rows.get(0).replace("\"quantity\": ", "\"quantity\": 1"));
          }
          return "{\"transactions\": [" + String.join(", ", rows) + "]}";
        });
  }

  @Provide
  Arbitrary<String> balanceBodies() {
    Arbitrary<String> balances = Combinators.combine(Arbitraries.of("\"BTC\"", "\"JPY\"", "\"ETH\""), edgeNumber("0.4", "-2500000"))
        .as((k, v) -> "{" + k + ": " + v + "}");
    Arbitrary<String> badBalances = Combinators.combine(Arbitraries.of("\"btc\"", "\"NOT AN ID\"", quote("X".repeat(2000)), "\"BTC\""),
            extremeNumber()).as((k, v) -> "{" + k + ": " + v + "}");
    return body(field("source", quoted("venue-api", "v".repeat(100)), extremeText()),
        field("asOf", instant(), extremeInstant()),
        field("balances", balances, Arbitraries.oneOf(badBalances, Arbitraries.of("[]", "null", "{\"BTC\": 1, \"btc\": 2}"))));
  }

  @Provide
  Arbitrary<String> portfolioBodies() {
    return body(field("id", lowerId("pf-"), Arbitraries.oneOf(extremeText(), quoted("UPPER"))),
        field("name", quoted("Main", "m".repeat(200)), extremeText()),
        field("baseCurrency", quoted("JPY", "USD"), Arbitraries.of("\"BTC\"", "1", "\"usd \"")));
  }

  @Provide
  Arbitrary<String> attachBodies() {
    return body(field("accountId", quoted(ACCOUNT), Arbitraries.oneOf(extremeText(), quoted("nobody"))));
  }

  @Provide
  Arbitrary<String> targetBodies() {
    Arbitrary<String> valid = Arbitraries.of(
        "[{\"key\": \"BTC\", \"weightPercent\": 60}, {\"key\": \"ETH\", \"weightPercent\": 40}]",
        "[{\"key\": \"BTC\", \"weightPercent\": 33.3333333333}, {\"key\": \"ETH\", \"weightPercent\": 66.6666666667}]",
        "[{\"key\": \"BTC\", \"weightPercent\": 100}]");
    Arbitrary<String> bad = Arbitraries.oneOf(extremeNumber().map(n -> "[{\"key\": \"BTC\", \"weightPercent\": " + n + "}]"),
        extremeText().map(t -> "[{\"key\": " + t + ", \"weightPercent\": 100}]"), Arbitraries.of("[null]", "[]", "{}"));
    return body(field("kind", quoted("ASSET"), enumExtremes("ASSET")), field("targets", valid, bad),
        field("groups", Arbitraries.just(null), Arbitraries.of("{\"core\": [\"BTC\"]}", "{\"bad\\u001f\": [\"BTC\"]}", "{\"core\": [null]}")));
  }

  @Provide
  Arbitrary<String> assetBodies() {
    Arbitrary<String> id = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(3).ofMaxLength(8).map(s -> quote("P" + s));
    return body(field("id", id, Arbitraries.oneOf(extremeText(), quoted("A".repeat(41)))),
        field("name", quoted("Some asset", "a".repeat(200)), extremeText()),
        field("assetClass", quoted("CRYPTO", "ETF"), enumExtremes("CRYPTO")),
        field("quoteCurrency", quoted("USD", "JPY"), Arbitraries.of("\"usd \"", "null", "1")),
        field("identifiers", Arbitraries.of("{\"isin\": \"US0000000000\", \"venue:binance\": \"PUSDT\"}", "{}"),
            Arbitraries.oneOf(extremeText().map(t -> "{\"venue:x\": " + t + "}"), Arbitraries.of("{\"Bad Key\": \"v\"}", "{\"isin\": null}", "[]"))));
  }

  @Provide
  Arbitrary<String> writeRoutes() {
    return Arbitraries.of("POST /api/accounts", "POST /api/accounts/" + ACCOUNT + "/transactions", "POST /api/accounts/" + ACCOUNT + "/balances",
        "POST /api/portfolios", "POST /api/portfolios/" + PORTFOLIO + "/accounts", "PUT /api/portfolios/" + PORTFOLIO + "/target",
        "POST /api/assets");
  }

  @Provide
  Arbitrary<String> mediaTypes() {
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just("application/json")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("text/plain", "application/x-www-form-urlencoded", "application/xml")));
  }

  @Provide
  Arbitrary<String> anyJson() {
    Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of("null", "true", "false", "0", "-1", "1e1000", "\"\"", "[]", "{}",
            "{\"transactions\": null}", "{\"transactions\": [null]}", "{\"transactions\": [{}]}", "{\"balances\": {}}", "{\"targets\": [null]}",
            "{\"a\": {\"b\": {\"c\": {\"d\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}}}"),
        extremeText(), Arbitraries.strings().ofMaxLength(50));
    Arbitrary<String> nested = Arbitraries.oneOf(scalar,
        scalar.list().ofMaxSize(3).map(l -> "[" + String.join(", ", l) + "]"),
        Combinators.combine(Arbitraries.of("id", "name", "transactions", "source", "kind", "x"), scalar)
            .as((k, v) -> "{" + quote(k) + ": " + v + "}"));
    return Arbitraries.oneOf(scalar, nested, nested.map(v -> "{\"transactions\": [" + v + "]}"));
  }

  private static Map<String, String> fields(String... keysAndValues) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }
}
