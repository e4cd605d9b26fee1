package dev.ballast.api.http.metrics;

import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.Main;
import dev.ballast.api.cli.ApiClient;
import dev.ballast.api.server.BallastConfig;
import dev.ballast.api.server.BallastServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import dev.ballast.persistence.testing.ReadSideAwait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/accounts/{id}/metrics} on a server in this JVM (embedded H2), and the CLI's
 * {@code metrics --account} against it. The account: buy 1 BTC @100 (day -10), buy 1 @200 (day -9),
 * sell 1.5 @300 (day -8), in JPY; by hand (FIFO): realized 200 + 50 = 250, 0.5 BTC open costing 100.
 * At the moving average: 2 BTC costing 300 (average 150); the sale realizes 450 - 1.5 x 150 = 225;
 * 0.5 BTC open costing 75, worth 200 at 400 -> unrealized 125.
 */
class MetricsRoutesTest {
    @TempDir static Path dir;
    private static BallastServer server;
    private static ApiClient api;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        Path config = dir.resolve("test.conf");
        Files.writeString(config, "pekko.remote.artery.canonical.port = 0\n");
        server = BallastServer.start(BallastConfig.load(config, dir.resolve("data"), 0), Clock.systemUTC());
        token = server.newAdminToken().orElseThrow();
        api = new ApiClient(URI.create("http://127.0.0.1:" + server.port() + "/"), token);
        ApiClient.Reply opened = api.post("api/accounts", Map.of(
                "id", "acc-1", "name", "Main", "kind", "EXCHANGE", "provider", "binance", "currency", "JPY", "allowShort", false));
        assertEquals(201, opened.status(), String.valueOf(opened.body()));
        ApiClient.Reply recorded = api.post("api/accounts/acc-1/transactions", Map.of("transactions", List.of(
                buy(at(-10), "b1", "1", "BTC", "100", "JPY"),
                buy(at(-9), "b2", "1", "BTC", "200", "JPY"),
                sell(at(-8), "s1", "1.5", "BTC", "300", "JPY"))));
        assertEquals(201, recorded.status(), String.valueOf(recorded.body()));
        ReadSideAwait.caughtUp(server.database(), server.readSide());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void assertAmount(String expected, JsonNode actual) {
        assertTrue(actual.isTextual() && new BigDecimal(expected).compareTo(new BigDecimal(actual.asText())) == 0,
                () -> "expected " + expected + " but was " + actual);
    }

    @Test
    void realizedAndUnrealizedPnlAtTheGivenPrice() {
        ApiClient.Reply reply = api.get("api/accounts/acc-1/metrics?price=BTC:400");

        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        JsonNode m = reply.body();
        assertEquals("acc-1", m.get("account_id").asText());
        assertEquals("FIFO", m.get("method").asText());
        assertAmount("250", m.get("realized_pnl"));
        assertAmount("100", m.get("unrealized_pnl")); // 0.5 x 400 - 100
        assertEquals(2, m.get("trades").get("trade_count").asInt());
        assertAmount("125", m.get("trades").get("expectancy"));
        assertAmount("0.5", m.get("positions").get(0).get("quantity"));
    }

    @Test
    void withoutAPriceTheUnrealizedPnlIsUnknown() {
        JsonNode m = api.get("api/accounts/acc-1/metrics").body();

        assertTrue(m.get("unrealized_pnl").isNull(), m.toString());
        assertEquals("no price given for BTC", m.get("unrealized_unknown").get(0).asText());
    }

    @Test
    void toCutsTheLedgerAtTheEndOfThatDay() {
        String lastBuyDay = at(-9).toString().substring(0, 10);
        JsonNode m = api.get("api/accounts/acc-1/metrics?to=" + lastBuyDay + "&price=BTC:400").body();

        // the sale has not happened: nothing realized, 2 BTC costing 300 are worth 800 -> +500
        assertAmount("0", m.get("realized_pnl"));
        assertAmount("500", m.get("unrealized_pnl"));
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        ApiClient.Reply badDate = api.get("api/accounts/acc-1/metrics?from=yesterday");
        assertEquals(400, badDate.status());
        assertEquals("from", badDate.body().get("errors").get(0).get("field").asText());

        ApiClient.Reply badPrice = api.get("api/accounts/acc-1/metrics?price=BTC");
        assertEquals(400, badPrice.status());
        assertEquals("price", badPrice.body().get("errors").get(0).get("field").asText());

        assertEquals(404, api.get("api/accounts/nobody/metrics").status());
    }

    @Test
    void theCliPrintsTheSameThroughTheServer() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String url = "http://127.0.0.1:" + server.port();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "metrics", "--account", "acc-1", "--url", url, "--token", token, "--price", "BTC=400", "--json");
        assertEquals(0, exit, err.toString());
        JsonNode m = new ObjectMapper().readTree(out.toString());
        assertAmount("100", m.get("unrealized_pnl"));

        StringWriter table = new StringWriter();
        exit = Main.run(new PrintWriter(table, true), new PrintWriter(err, true),
                "metrics", "--account", "acc-1", "--url", url, "--token", token);
        assertEquals(0, exit, err.toString());
        assertTrue(table.toString().lines().anyMatch(l -> l.matches("realized_pnl\\s+250")), table.toString());
        assertTrue(table.toString().lines().anyMatch(l -> l.matches("unrealized_pnl\\s+unknown")), table.toString());
        assertTrue(table.toString().lines().anyMatch(l -> l.matches("trade_count\\s+2")), table.toString());
    }

    @Test
    void averageCostThroughRestAndTheCli() throws Exception {
        ApiClient.Reply reply = api.get("api/accounts/acc-1/metrics?method=average&price=BTC:400");

        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        JsonNode m = reply.body();
        assertEquals("AVERAGE", m.get("method").asText());
        assertAmount("225", m.get("realized_pnl"));
        assertAmount("125", m.get("unrealized_pnl"));
        assertAmount("75", m.get("positions").get(0).get("cost"));
        // the trade statistics stay the FIFO round trips: 200 + 50
        assertEquals("FIFO", m.get("trades_matching").asText());
        assertEquals(2, m.get("trades").get("trade_count").asInt());
        assertAmount("250", m.get("trades").get("gross_profit"));

        // fifo explicitly is the default
        assertAmount("250", api.get("api/accounts/acc-1/metrics?method=fifo").body().get("realized_pnl"));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "metrics", "--account", "acc-1",
                "--url", "http://127.0.0.1:" + server.port(), "--token", token, "--price", "BTC=400", "--method", "average", "--json");
        assertEquals(0, exit, err.toString());
        JsonNode cli = new ObjectMapper().readTree(out.toString());
        assertEquals("AVERAGE", cli.get("method").asText());
        assertAmount("225", cli.get("realized_pnl"));
        assertAmount("125", cli.get("unrealized_pnl"));
    }

    @Test
    void withoutAMethodTheAccountsOwnIsUsed() throws Exception {
        ApiClient.Reply opened = api.post("api/accounts", Map.of(
                "id", "acc-avg", "name", "Averaged", "kind", "EXCHANGE", "provider", "binance", "currency", "JPY",
                "costMethod", "average"));
        assertEquals(201, opened.status(), String.valueOf(opened.body()));
        ApiClient.Reply recorded = api.post("api/accounts/acc-avg/transactions", Map.of("transactions", List.of(
                buy(at(-10), "b1", "1", "BTC", "100", "JPY"),
                buy(at(-9), "b2", "1", "BTC", "200", "JPY"),
                sell(at(-8), "s1", "1.5", "BTC", "300", "JPY"))));
        assertEquals(201, recorded.status(), String.valueOf(recorded.body()));
        ReadSideAwait.caughtUp(server.database(), server.readSide());

        JsonNode m = api.get("api/accounts/acc-avg/metrics?price=BTC:400").body();
        assertEquals("AVERAGE", m.get("method").asText());
        assertAmount("225", m.get("realized_pnl"));
        assertAmount("250", api.get("api/accounts/acc-avg/metrics?method=fifo").body().get("realized_pnl"));
        assertEquals("average", api.get("api/accounts/acc-avg").body().get("costMethod").asText());
    }

    @Test
    void aBadMethodIsAProblemNamingTheField() {
        ApiClient.Reply bad = api.get("api/accounts/acc-1/metrics?method=lifo");

        assertEquals(400, bad.status());
        assertEquals("method", bad.body().get("errors").get(0).get("field").asText());
        assertTrue(bad.body().get("errors").get(0).toString().contains("expected fifo, average or total-average"), bad.body().toString());
    }
}
