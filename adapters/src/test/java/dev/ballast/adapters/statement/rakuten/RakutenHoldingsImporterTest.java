package dev.ballast.adapters.statement.rakuten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.statement.StatementBalance;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementResult;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RakutenHoldingsImporterTest {
  static final Instant NOW = Instant.parse("2026-02-01T00:00:00Z");
  final RakutenHoldingsImporter importer =
      new RakutenHoldingsImporter(Map.of(RakutenSamples.FUND_NAME, "ACWI-SLIM"), Clock.fixed(NOW, ZoneOffset.UTC));

  StatementResult read(String name, byte[] bytes) {
    return importer.readAll(name, new ByteArrayInputStream(bytes));
  }

  @Test
  void everyHoldingPerAccountTypeAsOfTheExportTimeInTheFileName() {
    byte[] sample = RakutenSamples.bytes(RakutenSamples.HOLDINGS);
    assertTrue(importer.recognises(Arrays.copyOf(sample, Math.min(sample.length, StatementImporter.HEAD_BYTES))));
    StatementResult result = read(RakutenSamples.HOLDINGS, sample);
    assertEquals(List.of(), result.errors());
    assertEquals(List.of(), result.rows());
    Instant asOf = Instant.parse("2026-01-10T06:30:00Z");
    assertEquals(List.of(
        new StatementBalance(4, asOf, AssetId.of("JPY"), Quantity.of("500000"), null),
        new StatementBalance(10, asOf, AssetId.of("7203.T"), Quantity.of("60"), TaxWrapper.SPECIFIC),
        new StatementBalance(11, asOf, AssetId.of("7203.T"), Quantity.of("30"), TaxWrapper.NISA_GROWTH),
        new StatementBalance(12, asOf, AssetId.of("9432.T"), Quantity.of("1000"), TaxWrapper.GENERAL),
        new StatementBalance(13, asOf, AssetId.of("VTI"), Quantity.of("6"), TaxWrapper.SPECIFIC),
        new StatementBalance(14, asOf, AssetId.of("ACWI-SLIM"), Quantity.of("731981"), TaxWrapper.SPECIFIC),
        new StatementBalance(15, asOf, AssetId.of("USD"), Quantity.of("63.07"), null)), result.balances());
  }

  @Test
  void withoutTheExportTimeInItsNameTheFileIsAsOfTheImport() {
    StatementResult result = read("holdings.csv", RakutenSamples.bytes(RakutenSamples.HOLDINGS));
    assertEquals(NOW, result.balances().get(0).asOf());
  }

  @Test
  void tradeFilesGarbageAndCutFilesAreNotHoldings() {
    assertFalse(importer.recognises(RakutenSamples.bytes(RakutenSamples.JP)));
    assertFalse(read("x", RakutenSamples.bytes(RakutenSamples.JP)).isClean());
    byte[] garbage = new byte[512];
    new java.util.Random(3).nextBytes(garbage);
    assertFalse(read("x", garbage).isClean());
    byte[] sample = RakutenSamples.bytes(RakutenSamples.HOLDINGS);
    StatementResult cut = read("x", Arrays.copyOf(sample, sample.length / 2 + 1));
    assertTrue(cut.balances().size() < 7 || !cut.isClean(), cut.toString());
  }
}
