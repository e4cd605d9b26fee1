package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the DCA server tests set up: a paper account with 400,000 JPY in portfolio main targeting all BTC, a weekly DCA strategy, a BTC quote. */
final class DcaServerFixture {
  static final InstrumentId BTC = InstrumentId.of("BTC", "JPY");

  private DcaServerFixture() {}

  /** Account paper (the paper venue, 400,000 JPY deposited) in portfolio main, whose target is 100% BTC. */
  static void paperPortfolioAllInBtc(TestServer server) {
    assertEquals(201, server.post("/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper",
        "currency", "JPY")).status());
    Map<String, Object> deposit = Map.of("type", "DEPOSIT", "timestamp", "2026-01-05T00:00:00Z", "asset", "JPY", "quantity", 400000,
        "source", "test", "externalId", "d1");
    assertEquals(201, server.post("/api/accounts/paper/transactions", Map.of("transactions", List.of(deposit))).status());
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "paper")).status());
    assertEquals(200, server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets",
        List.of(Map.of("key", "BTC", "weightPercent", 100)))).status());
  }

  /** A dry-run DCA of 100,000 JPY every 7 days into BTC/JPY on account paper (lot step 0.0001, fee estimate 10 bps). */
  static Map<String, Object> weeklyDca() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("policy", "dca");
    body.put("mode", "DRY_RUN");
    body.put("absoluteBandPercent", 5);
    body.put("minTradeValue", Map.of("amount", 1000, "currency", "JPY"));
    body.put("feeEstimateBps", 10);
    body.put("rules", List.of(Map.of("asset", "BTC", "account", "paper", "instrument", "BTC/JPY", "lotStep", 0.0001)));
    body.put("policySettings", Map.of("dca", Map.of("amount", Map.of("amount", 100000, "currency", "JPY"), "period", "P7D")));
    return body;
  }

  /** BTC at 10,000,000 JPY now (bid, ask and last), as a feed would push it. */
  static void quoteBtc(TestServer server) {
    server.server().trading().onQuote(new Quote(BTC, Price.of("10000000", "JPY"), Price.of("10000000", "JPY"), Price.of("10000000", "JPY"),
        Instant.now()));
  }
}
