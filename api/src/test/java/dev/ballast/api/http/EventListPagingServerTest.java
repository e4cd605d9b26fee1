package dev.ballast.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.Fixtures;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.DateRange;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.marketdata.PriceStore;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The array lists' paging over real HTTP (the audit log, the vault's events, corporate actions):
 * offset and limit cut the page, from and to the time range, X-Total-Count says how many matched,
 * a list longer than the declared maximum is cut there without a limit, and a bad value is a 400
 * problem naming its field.
 */
class EventListPagingServerTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** More dividends than one page holds. */
  private static final int DIVIDENDS = 510;

  private record Answer(int status, String contentType, Long total, JsonNode body) {}

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "");
    assertEquals(201, server.post("/api/accounts", Map.of("id", "kraken", "name", "Kraken", "kind", "EXCHANGE", "provider", "kraken",
        "currency", "USD")).status());
    // one journal event per batch: AccountOpened, then three TransactionsRecorded on three days
    Instant t0 = Instant.parse("2026-03-02T10:00:00Z");
    for (int day = 0; day < 3; day++) {
      Instant at = t0.plusSeconds(86_400L * day);
      assertEquals(201, server.post("/api/accounts/kraken/transactions",
          Map.of("transactions", List.of(Fixtures.deposit(at, "d" + day, "100", "USD")))).status());
    }
    List<CorporateAction> dividends = new ArrayList<>();
    LocalDate first = LocalDate.of(2024, 1, 1);
    InstrumentId vti = InstrumentId.of("VTI", "USD");
    for (int i = 0; i < DIVIDENDS; i++) {
      dividends.add(new CorporateAction.Dividend(vti, first.plusDays(i), Price.of("0.5", "USD"), "div-" + i));
    }
    new PriceStore(server.server().database()).save("yahoo", new DailyHistory(vti, List.of(), dividends),
        new DateRange(first, first.plusDays(DIVIDENDS)), Instant.parse("2026-01-01T00:00:00Z"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Answer get(String path) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + server.token()).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      Long total = r.headers().firstValue("X-Total-Count").map(Long::valueOf).orElse(null);
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), total, TestServer.json().readTree(r.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<Long> sequenceNumbers(JsonNode events) {
    List<Long> out = new ArrayList<>();
    events.forEach(e -> out.add(e.path("sequenceNr").asLong()));
    return out;
  }

  @Test
  void theAuditLogIsPagedByOffsetLimitAndTheTimeItWasWritten() {
    Answer all = get("/api/audit/log/account:kraken");
    assertEquals(200, all.status());
    assertEquals(List.of(1L, 2L, 3L, 4L), sequenceNumbers(all.body()));
    assertEquals(4L, all.total());

    Answer second = get("/api/audit/log/account:kraken?offset=1&limit=2");
    assertEquals(List.of(2L, 3L), sequenceNumbers(second.body()));
    assertEquals(4L, second.total(), "the total counts every match, not the page");

    // written times are those of this run: everything is before tomorrow, nothing from tomorrow
    String tomorrow = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
    assertEquals(4L, get("/api/audit/log/account:kraken?to=" + tomorrow).total());
    Answer none = get("/api/audit/log/account:kraken?from=" + tomorrow);
    assertEquals(0, none.body().size());
    assertEquals(0L, none.total());
    String written = all.body().get(2).path("writtenAt").asText();
    assertEquals(List.of(3L, 4L), sequenceNumbers(get("/api/audit/log/account:kraken?from=" + written).body()),
        "from is inclusive of the third event's instant");
  }

  @Test
  void aLongListIsCutAtTheDeclaredMaximumWithoutALimit() {
    Answer first = get("/api/prices/actions");
    assertEquals(200, first.status());
    assertEquals(dev.ballast.api.http.accounts.ListPaging.MAX_LIMIT, first.body().size());
    assertEquals((long) DIVIDENDS, first.total());
    Answer rest = get("/api/prices/actions?offset=" + first.body().size());
    assertEquals(DIVIDENDS - first.body().size(), rest.body().size());

    // from and to on the ex-date: 2024-01-01 is the first, so the 11th to 20th days are ten
    Answer january = get("/api/prices/actions?from=2024-01-11&to=2024-01-20");
    assertEquals(10L, january.total());
    assertEquals("2024-01-11", january.body().get(0).path("ex_date").asText());
    assertEquals("2024-01-20", january.body().get(9).path("ex_date").asText());
  }

  @Test
  void aBadPagingValueIsAProblemNamingItsField() {
    Map<String, String> cases = Map.of(
        "/api/audit/log/account:kraken?limit=501", "limit",
        "/api/audit/log/account:kraken?limit=0", "limit",
        "/api/secrets/events?offset=-1", "offset",
        "/api/prices/actions?limit=ten", "limit",
        "/api/prices/actions?from=March", "from",
        "/api/prices/dividends/kraken?from=2026-03-02&to=2026-03-01", "to");
    cases.forEach((path, field) -> {
      Answer a = get(path);
      assertEquals(400, a.status(), path + " " + a.body());
      assertEquals("application/problem+json", a.contentType().split(";")[0].trim(), path);
      assertEquals(field, a.body().path("errors").get(0).path("field").asText(), path + " " + a.body());
    });
  }

  @Test
  void theAuthenticationLogTakesOffsetAndATimeRangeBesideItsLimit() {
    for (int i = 0; i < 3; i++) {
      assertEquals(401, server.request("POST", "/api/auth/login", Map.of("name", "nobody" + i, "password", "not the password"), null).status());
    }
    Answer newest = get("/api/auth/events?limit=2");
    assertEquals(2, newest.body().size());
    long total = newest.total();
    assertEquals(true, total >= 3, "three failed logins at least: " + total);
    assertEquals("nobody2", newest.body().get(0).path("userName").asText(), "newest first");
    Answer next = get("/api/auth/events?limit=2&offset=1");
    assertEquals("nobody1", next.body().get(0).path("userName").asText());
    String at = newest.body().get(1).path("at").asText();
    Answer since = get("/api/auth/events?from=" + at);
    assertEquals(List.of("nobody2", "nobody1"), names(since.body()), "from is inclusive");
    assertEquals(2L, since.total());
    assertEquals(List.of("nobody2"), names(get("/api/auth/events?from=" + newest.body().get(0).path("at").asText()).body()));
    List<String> before = names(get("/api/auth/events?to=" + at).body());
    assertEquals(true, before.contains("nobody0") && !before.contains("nobody1") && !before.contains("nobody2"), "to is exclusive: " + before);
    Answer bad = get("/api/auth/events?to=yesterday");
    assertEquals(400, bad.status());
    assertEquals("to", bad.body().path("errors").get(0).path("field").asText());
  }

  private static List<String> names(JsonNode events) {
    List<String> out = new ArrayList<>();
    events.forEach(e -> out.add(e.path("userName").asText()));
    return out;
  }

  @Test
  void theVaultEventsAndDividendsCarryTheTotal() {
    assertEquals(201, server.put("/api/secrets/kraken", Map.of("apiKey", "key-0123456789")).status());
    assertEquals(200, server.put("/api/secrets/kraken", Map.of("apiKey", "key-9876543210")).status());
    Answer events = get("/api/secrets/events?limit=1");
    assertEquals(1, events.body().size());
    assertEquals(2L, events.total());
    Answer dividends = get("/api/prices/dividends/kraken?limit=5");
    assertEquals(200, dividends.status());
    assertEquals(0L, dividends.total(), "kraken never held VTI");
  }
}
