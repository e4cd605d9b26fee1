package dev.ballast.api.http.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connection settings check: URLs and the confirmation depth, each problem naming its field. */
class SyncAdaptersTest {

  private static List<String> esplora(String baseUrl) {
    return SyncAdapters.check("esplora", Map.of("baseUrl", baseUrl, "addresses", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"));
  }

  @Test
  void baseUrlsMustBeAbsoluteHttpUrlsWithAHost() {
    assertEquals(List.of(), esplora("https://blockstream.info/api/"));
    assertEquals(List.of(), esplora("http://127.0.0.1:3002/"));
    for (String bad : List.of("https://", "http:///api/", "https//blockstream.info/api/", "blockstream.info/api/", "ftp://example.com/api/",
        "https://bad host/api/", "https://user:pw@example.com/api/", "https://example.com/api/#x", "https://example.com/api/?k=v", "/api/")) {
      List<String> problems = esplora(bad);
      assertEquals(1, problems.size(), bad + ": " + problems);
      assertTrue(problems.get(0).startsWith("baseUrl: \"" + bad + "\" is refused ("), problems.get(0));
    }
    assertEquals(List.of("baseUrl: missing; the Esplora server's API base, e.g. https://blockstream.info/api/"),
        SyncAdapters.check("esplora", Map.of("addresses", "bc1q")));
  }

  @Test
  void everyKindChecksItsUrlsAndLeavingOutAnOptionalOneIsFine() {
    assertEquals(List.of(), SyncAdapters.check("binance", Map.of("pairs", "BTC/USDT")));
    assertTrue(SyncAdapters.check("binance", Map.of("pairs", "BTC/USDT", "baseUrl", "api.binance.com")).get(0).startsWith("baseUrl: \"api.binance.com\""));
    assertTrue(SyncAdapters.check("kraken", Map.of("baseUrl", "https://")).get(0).startsWith("baseUrl:"));
    assertTrue(SyncAdapters.check("coinbase", Map.of("baseUrl", "https://exa mple.com/")).get(0).startsWith("baseUrl:"));
    assertTrue(SyncAdapters.check("ibkr-flex", Map.of("queryId", "734512", "baseUrl", "mailto:x@example.com")).get(0).startsWith("baseUrl:"));
    List<String> eth = SyncAdapters.check("ethereum", Map.of("nodeUrl", "localhost:8545", "address", "0x" + "ab".repeat(20)));
    assertEquals(1, eth.size(), eth.toString());
    assertTrue(eth.get(0).startsWith("nodeUrl: \"localhost:8545\" is refused"), eth.get(0));
  }

  @Test
  void theConfirmationDepthIsANumberOfBlocksDefaultingToSix() {
    assertEquals(6, SyncAdapters.confirmations(Map.of()));
    assertEquals(1, SyncAdapters.confirmations(Map.of("confirmations", "1")));
    assertEquals(List.of(), SyncAdapters.check("esplora", Map.of("baseUrl", "https://blockstream.info/api/", "confirmations", "3")));
    for (String bad : List.of("0", "-1", "six", "1001")) {
      List<String> problems = SyncAdapters.check("esplora", Map.of("baseUrl", "https://blockstream.info/api/", "confirmations", bad));
      assertEquals(1, problems.size());
      assertTrue(problems.get(0).startsWith("confirmations: \"" + bad + "\""), problems.get(0));
    }
  }
}
