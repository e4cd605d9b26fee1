package dev.ballast.adapters.statement.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.statement.StatementBalance;
import dev.ballast.engine.statement.StatementResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A mapping of {@code kind = holdings}: each row is a balance held at its date, not a transaction. */
class GenericHoldingsTest {
  private static final GenericMapping HOLDINGS = GenericMapping.from("myholdings", ConfigFactory.parseString("""
      kind = holdings
      date { column = "As of", pattern = "yyyy-MM-dd", zone = "Asia/Tokyo" }
      asset = Ticker
      quantity = Units
      wrapper { column = Account, values { Taxable = TAXABLE, NISA = NISA_GROWTH } }
      """));

  private static StatementResult read(String text) {
    return new GenericCsvImporter(HOLDINGS).readAll("holdings.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void eachRowIsABalanceAtItsDateInItsWrapper() {
    StatementResult r = read("As of,Account,Ticker,Units,Value\n2026-01-10,Taxable,7203.T,\"1,200\",3600000\n2026-01-10,NISA,vt,15.5,\n");
    assertEquals(List.of(), r.errors());
    assertEquals(List.of(), r.rows(), "a holdings file records no transaction");
    Instant asOf = Instant.parse("2026-01-09T15:00:00Z");
    assertEquals(List.of(new StatementBalance(2, asOf, dev.ballast.engine.model.AssetId.of("7203.T"), Quantity.of("1200"), TaxWrapper.TAXABLE),
        new StatementBalance(3, asOf, dev.ballast.engine.model.AssetId.of("VT"), Quantity.of("15.5"), TaxWrapper.NISA_GROWTH)), r.balances());
  }

  @Test
  void aNegativeOrMissingQuantityAndAnUnknownWrapperAreNamedByTheirColumns() {
    StatementResult r = read("As of,Account,Ticker,Units\n2026-01-10,Taxable,VT,-1\n2026-01-10,Other,VT,1\n2026-01-10,Taxable,VT,\n2026/01/10,Taxable,VT,1\n");
    assertEquals(List.of("2:Units", "3:Account", "4:Units", "5:As of"), r.errors().stream().map(e -> e.line() + ":" + e.field()).toList());
    assertEquals(List.of(), r.balances());
  }

  @Test
  void aHoldingsMappingNeedsNoTypeButAKnownKind() {
    assertTrue(HOLDINGS.format().expects().contains("holdings CSV"), HOLDINGS.format().expects());
    var e = assertThrows(IllegalArgumentException.class, () -> GenericMapping.from("x",
        ConfigFactory.parseString("kind = positions\ndate { column = D }\nasset = A\nquantity = Q")));
    assertEquals("mapping x, kind: transactions or holdings, got \"positions\"", e.getMessage());
  }
}
